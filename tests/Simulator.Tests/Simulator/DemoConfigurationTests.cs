using GbcPortal.Core.Gbc.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace GbcPortal.Simulator.Tests.Simulator;

/// <summary>The simulator's own appsettings.json seeds the demo accounts the README lists.</summary>
public sealed class DemoConfigurationTests
{
    [Fact]
    public void AppSettings_SeedTheDemoAccountsAndTheProtocolDefaults()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Simulator");
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(folder, "appsettings.json")).Build();

        var options = SimulatorConfiguration.Read(configuration, new Environment(folder, Environments.Development));

        var accounts = options.Accounts.ToDictionary(a => a.ServiceId);
        Assert.True(accounts["1000000001"] is { IntervalSeconds: 900, Solar: true, Active: true });
        Assert.True(accounts["1000000002"] is { IntervalSeconds: 3600, Solar: false, Active: true });
        Assert.False(accounts["1000000003"].Active);
        Assert.True(accounts["1000000004"].Active);
        Assert.NotEqual(accounts["1000000001"].PowerOfTenMultiplier, accounts["1000000002"].PowerOfTenMultiplier);
        Assert.Equal("https://127.0.0.1:7443", options.ApiUrl);
        Assert.Equal("http://127.0.0.1:7080", options.AdminUrl);
        Assert.Equal(6, options.Faults.RequestsPerMinute);
        Assert.Equal(5, options.RetryDelays.Length + 1);
        Assert.InRange(options.RetryDelays.Sum(d => d.TotalMinutes), 25, 35);
        Assert.Equal(Path.Combine(folder, "data", "certs"), options.Certificates.Directory);
        Assert.True(options.CreateDevCertificates);
    }

    [Fact]
    public void ConfiguredRetryDelays_ReplaceTheDefaults_InsteadOfBeingAppended()
    {
        var host = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:RetryDelays:0"] = "00:00:01",
            ["Simulator:RetryDelays:1"] = "00:00:03",
        }).Build();

        var options = SimulatorConfiguration.Read(host, new Environment(Path.GetTempPath(), Environments.Production));
        var defaults = SimulatorConfiguration.Read(new ConfigurationBuilder().Build(), new Environment(Path.GetTempPath(), Environments.Production));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], options.RetryDelays);
        Assert.Equal(4, defaults.RetryDelays.Length);
    }

    [Fact]
    public void AHostWithoutASimulatorSection_GetsTheDemoAccounts_AndItsOwnAccountsReplaceThem()
    {
        var empty = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:AdminUrl"] = "http://127.0.0.1:7999" }).Build();
        var own = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Accounts:0:ServiceId"] = "5550001",
            ["Simulator:Accounts:0:Pin"] = "1",
        }).Build();

        var demo = SimulatorConfiguration.Read(empty, new Environment("/srv/portal", Environments.Production));
        var replaced = SimulatorConfiguration.Read(own, new Environment("/srv/portal", Environments.Production));

        Assert.Equal(["1000000001", "1000000002", "1000000003", "1000000004", "1000000005"], demo.Accounts.Select(a => a.ServiceId));
        Assert.Equal("http://127.0.0.1:7999", demo.AdminUrl);
        Assert.Equal("5550001", Assert.Single(replaced.Accounts).ServiceId);
    }

    [Fact]
    public void Production_DoesNotMakeCertificates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{CertificatesOptions.SectionName}:PeerThumbprint"] = new string('A', 64),
        }).Build();

        var options = SimulatorConfiguration.Read(configuration, new Environment("/srv/sim", Environments.Production));

        Assert.False(options.CreateDevCertificates);
        Assert.Null(options.Certificates.Directory);
        Assert.Equal(new string('A', 64), options.Certificates.PeerThumbprint);
    }

    private static string RepositoryRoot() => RepositoryFiles.Root;

    private sealed class Environment(string root, string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "GbcPortal.Simulator";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
