using System.Text;
using GbcPortal.Portal.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// Absolute links for emails. They start with <c>Portal:PublicBaseUrl</c> (required in Production),
/// never with the Host header a request happened to carry; without it (Development) the address
/// of the page being served is used.
/// </summary>
public sealed class AccountLinks(IOptions<PortalOptions> options, NavigationManager navigation)
{
    public string ConfirmEmail(string userId, string token) =>
        Build("Account/ConfirmEmail", ("userId", userId), ("code", Encode(token)));

    public string ResetPassword(string email, string token) =>
        Build("Account/ResetPassword", ("email", email), ("code", Encode(token)));

    public string Login() => Build("Account/Login");

    public string ForgotPassword() => Build("Account/ForgotPassword");

    /// <summary>Identity's tokens carry '+' and '/': Base64Url keeps them whole in a query string.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token back from a link, or null when it was cut or altered.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Build(string path, params (string Name, string Value)[] query)
    {
        var configured = options.Value.PublicBaseUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? navigation.BaseUri : configured.TrimEnd('/') + "/";
        var url = new Uri(new Uri(root), path).AbsoluteUri;
        foreach (var (name, value) in query)
            url = QueryHelpers.AddQueryString(url, name, value);
        return url;
    }
}
