using GbcPortal.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The simulated utility on its own: `dotnet run --project src/Simulator`.
var builder = Host.CreateApplicationBuilder(args);
var options = SimulatorConfiguration.Read(builder.Configuration, builder.Environment);
using var host = builder.Build();

var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GbcPortal.Simulator");
await using var simulator = await SimulatorHost.StartAsync(options, host.Services.GetRequiredService<ILoggerFactory>());
logger.LogInformation("GBC API on {Api} (client certificate from {Directory}); admin API on {Admin}",
    simulator.ApiUri, options.Certificates.Directory, simulator.AdminUri);
await host.RunAsync();

/// <summary>Internal: the portal is the one public Program, so tests referencing both need no alias.</summary>
internal partial class Program;
