using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Portal.Hosting;

/// <summary>The problems and warnings found in a configuration, one line each, and the certificates' expiry.</summary>
public sealed class SettingsReport(string contentRoot, DateTimeOffset now)
{
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Errors => _errors;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Error(string key, string problem) => _errors.Add($"{key} {problem}.");

    public string? Required(IConfiguration configuration, string key, string what)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(key, $"is missing: {what}");
            return null;
        }
        return value;
    }

    public void HttpsUrl(IConfiguration configuration, string key, string what)
    {
        if (Required(configuration, key, what) is not { } value)
            return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            Error(key, $"is '{value}', not an https:// address: {what}");
    }

    public void Thumbprint(IConfiguration configuration, string key, string what)
    {
        if (Required(configuration, key, what) is not { } value)
            return;
        var hex = value.Replace(":", "").Replace(" ", "");
        if (hex.Length is not (40 or 64) || !hex.All(Uri.IsHexDigit))
            Error(key, "is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) thumbprint");
    }

    public void PublicCertificate(IConfiguration configuration, string key, string what)
    {
        if (Path(configuration, key, what) is not { } path)
            return;
        try
        {
            using var certificate = CertificateLoader.LoadPublic(path);
            Expiry(key, certificate);
        }
        catch (CryptographicException e)
        {
            Error(key, $"'{path}' is not a certificate ({e.Message.TrimEnd('.')})");
        }
    }

    public void CertificateWithKey(IConfiguration configuration, string key, string? keyKey, string passwordKey, string what)
    {
        if (Path(configuration, key, what) is not { } path)
            return;
        var keyPath = keyKey is null ? null : configuration[keyKey];
        if (!string.IsNullOrWhiteSpace(keyPath))
            keyPath = System.IO.Path.GetFullPath(keyPath, contentRoot);
        if (keyPath is not null && !File.Exists(keyPath))
        {
            Error(keyKey!, $"names '{keyPath}', which does not exist");
            return;
        }
        try
        {
            using var certificate = CertificateLoader.LoadWithKey(path, keyPath, configuration[passwordKey]);
            if (!certificate.HasPrivateKey)
                Error(key, $"'{path}' has no private key (give a PFX, or a PEM certificate with its key)");
            Expiry(key, certificate);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException)
        {
            Error(key, $"'{path}' could not be loaded with its key and password ({e.Message.TrimEnd('.')})");
        }
    }

    private string? Path(IConfiguration configuration, string key, string what)
    {
        if (Required(configuration, key, what) is not { } value)
            return null;
        var path = System.IO.Path.GetFullPath(value, contentRoot);
        if (File.Exists(path))
            return path;
        Error(key, $"names '{path}', which does not exist");
        return null;
    }

    private void Expiry(string key, X509Certificate2 certificate)
    {
        var expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (expires <= now)
            Error(key, $"'{certificate.Subject}' expired on {expires:yyyy-MM-dd}");
        else if (expires - now < ProductionSettings.ExpiryWarning)
            _warnings.Add($"{key} '{certificate.Subject}' expires on {expires:yyyy-MM-dd}, in {(int)(expires - now).TotalDays} days.");
    }
}
