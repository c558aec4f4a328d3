using GbcPortal.Simulation;

SimulationSettings settings;
try
{
    settings = SimulationSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var report = await SimulationEngine.RunAsync(settings, Console.Out, cancel.Token);
foreach (var line in report.Lines())
{
    Console.WriteLine(line);
}

foreach (var (sql, (count, ms)) in SqlProfile.Totals.OrderByDescending(p => p.Value.Ms).Take(15))
{
    Console.WriteLine($"{ms,10:F0} ms {count,8} x  {sql.Replace('\n', ' ')[..Math.Min(300, sql.Length)]}");
}

return 0;
