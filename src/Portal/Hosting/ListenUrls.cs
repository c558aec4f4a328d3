namespace GbcPortal.Portal.Hosting;

/// <summary>
/// The addresses Kestrel is told to listen on, read one way everywhere: the UI's from <c>urls</c> (or
/// ASPNETCORE_URLS), separated by ';', where "*" and "+" mean every address, as ASP.NET Core allows.
/// </summary>
public static class ListenUrls
{
    public const string DefaultUi = "http://localhost:5080";

    /// <summary>The UI addresses; a malformed one is an error.</summary>
    public static IReadOnlyList<Uri> Ui(IConfiguration configuration) =>
        UiSetting(configuration)
            .Select(url => Parse(url) ?? throw new InvalidOperationException($"urls: '{url}' is not an address to listen on."))
            .ToList();

    /// <summary>The UI addresses as written, or <see cref="DefaultUi"/> when none is configured.</summary>
    public static IReadOnlyList<string> UiSetting(IConfiguration configuration) =>
        (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? DefaultUi)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One address, with a wildcard host read as 0.0.0.0; null when it is not an absolute URL.</summary>
    public static Uri? Parse(string url) =>
        Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri) ? uri : null;

    public static bool IsHttps(this Uri url) => url.Scheme == Uri.UriSchemeHttps;

    public static bool IsEveryAddress(this Uri url) => url.Host is "0.0.0.0" or "[::]";
}
