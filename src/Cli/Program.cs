using System.Text;
using GbcPortal.Cli;

// Console.Out flushes on every write; a buffered writer keeps a 350,000-row CSV from costing a syscall per field.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
var exit = GbcCli.Run(args, stdout, Console.Error);
stdout.Flush();
return exit;

/// <summary>Internal: the portal is the one public Program, so tests referencing both need no alias.</summary>
internal partial class Program;
