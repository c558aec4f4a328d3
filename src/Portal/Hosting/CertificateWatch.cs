using System.Security.Cryptography.X509Certificates;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// The certificates the running portal holds, by the setting that named them, so that /staff and the
/// start-up log can warn a month before one expires (the utility's CA-issued ones take weeks to renew).
/// </summary>
public sealed class CertificateWatch(TimeProvider time)
{
    private readonly List<(string Name, X509Certificate2 Certificate)> _certificates = [];

    public void Add(string name, X509Certificate2? certificate)
    {
        if (certificate is not null)
            lock (_certificates)
                _certificates.Add((name, certificate));
    }

    /// <summary>How many certificates are watched.</summary>
    public int Count
    {
        get
        {
            lock (_certificates)
                return _certificates.Count;
        }
    }

    /// <summary>When the first watched certificate expires; null when none is watched.</summary>
    public DateTimeOffset? EarliestExpiry
    {
        get
        {
            lock (_certificates)
                return _certificates.Count == 0 ? null
                    : _certificates.Min(c => new DateTimeOffset(c.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
    }

    /// <summary>One sentence per certificate that expires within <see cref="ProductionSettings.ExpiryWarning"/> (or has expired).</summary>
    public IReadOnlyList<string> Warnings()
    {
        var now = time.GetUtcNow();
        lock (_certificates)
        {
            return _certificates
                .Select(c => (c.Name, c.Certificate.Subject, Expires: new DateTimeOffset(c.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero)))
                .Where(c => c.Expires - now < ProductionSettings.ExpiryWarning)
                .OrderBy(c => c.Expires)
                .Select(c => c.Expires <= now
                    ? $"{c.Name} ({c.Subject}) expired on {c.Expires:yyyy-MM-dd}."
                    : $"{c.Name} ({c.Subject}) expires on {c.Expires:yyyy-MM-dd}, in {(int)(c.Expires - now).TotalDays} days: renew it now.")
                .ToList();
        }
    }
}
