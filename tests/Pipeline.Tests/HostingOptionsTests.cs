using GbcPortal.Core.Requests;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GbcPortal.Pipeline.Tests;

/// <summary>
/// What one module works out for another reaches it as options, never written back into the configuration: the data
/// folder (Core's SQLite file, the dev certificates) and, in demo mode, the in-process simulator's address.
/// </summary>
public sealed class HostingOptionsTests
{
    [Fact]
    public async Task Demo_mode_passes_the_data_folder_and_the_simulators_address_as_options_and_writes_no_setting()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Utility:Mode"] = "Simulated",
            ["Utility:BaseUrl"] = null,
            ["Utility:TimeZone"] = "America/New_York",
            ["Simulator:ApiUrl"] = "https://127.0.0.1:0",
            ["Simulator:AdminUrl"] = "http://127.0.0.1:0",
        });
        portal.StartServer();

        var configuration = portal.Services.GetRequiredService<IConfiguration>();
        Assert.Null(configuration["Certificates:Directory"]);
        Assert.Null(configuration["Utility:BaseUrl"]);
        Assert.Equal(portal.CertificatesDirectory, portal.Services.GetRequiredService<IOptions<CertificatesOptions>>().Value.Directory);
        Assert.True(File.Exists(Path.Combine(portal.CertificatesDirectory, DevCertificateSet.CaName + ".crt")), "the dev set is made in the data folder");
        Assert.NotNull(portal.Services.GetRequiredService<IOptions<GbcClientOptions>>().Value.BaseUrl);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "portal.db")), "Core's SQLite file is in the portal's data folder");
        // One setting for the utility's zone: the off-peak window follows it.
        Assert.Equal("America/New_York", portal.Services.GetRequiredService<OffPeakWindow>().TimeZoneId);
    }
}
