using GbcPortal.Cli;

return GbcCli.Run(args, Console.Out, Console.Error);
