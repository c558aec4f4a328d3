using GbcPortal.Core.Utility.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GbcPortal.Simulator;

/// <summary>Reads <see cref="SimulatorOptions"/> from a host's configuration (sections <c>Simulator</c> and <c>Certificates</c>).</summary>
public static class SimulatorConfiguration
{
    /// <summary>
    /// Binds the options. In Development an empty <c>Certificates:Directory</c> means
    /// <c>data/certs</c> under the content root, and the dev set is created there when missing.
    /// </summary>
    public static SimulatorOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        options.Certificates = configuration.GetSection(CertificatesOptions.SectionName).Get<CertificatesOptions>() ?? new CertificatesOptions();
        if (environment.IsDevelopment())
        {
            options.CreateDevCertificates = true;
            if (string.IsNullOrWhiteSpace(options.Certificates.Directory))
                options.Certificates.Directory = Path.Combine(environment.ContentRootPath, "data", "certs");
        }
        else if (!string.IsNullOrWhiteSpace(options.Certificates.Directory) && !Path.IsPathRooted(options.Certificates.Directory))
        {
            options.Certificates.Directory = Path.Combine(environment.ContentRootPath, options.Certificates.Directory);
        }
        return options;
    }
}
