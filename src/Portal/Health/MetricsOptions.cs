namespace GbcPortal.Portal.Health;

/// <summary>Where Prometheus scrapes the portal's metrics.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// Null (the default): <c>/metrics</c> on the UI, Staff role only. A port (9464 is Prometheus's
    /// usual one): a listener of its own serving <c>/metrics</c> without sign-in, for a Prometheus
    /// that cannot log in; open that port to the Prometheus server only.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>The listener's host name with <see cref="Port"/>: <c>localhost</c>, or <c>*</c> for every address.</summary>
    public string Host { get; set; } = "localhost";
}
