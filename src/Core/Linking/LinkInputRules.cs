using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Linking;

/// <summary>Normalizes and checks what a customer types, so forms and <see cref="LinkService"/> agree.</summary>
public sealed class LinkInputRules(IOptions<LinkingOptions> options)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private readonly Regex serviceId = new(options.Value.ServiceIdPattern, RegexOptions.CultureInvariant, MatchTimeout);
    private readonly Regex pin = new(options.Value.PinPattern, RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>Spaces and dashes are how a Service ID is printed on bills; they are not part of it.</summary>
    public static string NormalizeServiceId(string? value) =>
        string.Concat((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-'));

    public static string NormalizePin(string? value) => (value ?? "").Trim();

    /// <summary>Null when valid, else a message for the customer.</summary>
    public string? ValidateServiceId(string? value)
    {
        var normalized = NormalizeServiceId(value);
        if (normalized.Length == 0)
        {
            return "Enter the Service ID.";
        }

        return serviceId.IsMatch(normalized) ? null : options.Value.ServiceIdHint;
    }

    /// <summary>Null when valid, else a message for the customer (never containing the PIN).</summary>
    public string? ValidatePin(string? value)
    {
        var normalized = NormalizePin(value);
        if (normalized.Length == 0)
        {
            return "Enter the PIN.";
        }

        return pin.IsMatch(normalized) ? null : options.Value.PinHint;
    }
}
