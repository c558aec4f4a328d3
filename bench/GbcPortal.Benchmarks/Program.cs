using BenchmarkDotNet.Running;

namespace GbcPortal.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // `-- --espi-tool peak 3652 streaming` or `-- --espi-tool time 185`: see Espi/EspiTools.cs.
        if (args is ["--espi-tool", ..])
        {
            Espi.EspiTools.Run(args[1..]);
            return;
        }
        if (args is ["--scale-plans", ..])
        {
            Scale.QueryPlans.Run(args[1..]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
