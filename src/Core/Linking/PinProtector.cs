using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace GbcPortal.Core.Linking;

/// <summary>
/// Encrypts PINs at rest with ASP.NET Core Data Protection. Never logs, and never puts a PIN (or its
/// ciphertext) in an exception message.
/// </summary>
public sealed class PinProtector(IDataProtectionProvider provider)
{
    // Changing the purpose makes every stored PIN unreadable: it is part of the data format.
    private const string Purpose = "GbcPortal.Linking.Pin.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(string pin) => protector.Protect(pin);

    /// <summary>
    /// The PIN, or false when there is none (deleted at an unlink or a refusal) or it cannot be read (the keys that
    /// protected it are gone, or the text was altered).
    /// </summary>
    public bool TryUnprotect(string? protectedPin, [NotNullWhen(true)] out string? pin)
    {
        pin = null;
        if (protectedPin is null)
        {
            return false;
        }

        try
        {
            pin = protector.Unprotect(protectedPin);
            return true;
        }
        catch (CryptographicException)
        {
            // Data Protection's only way to say "not readable": answered here, once, as false.
            return false;
        }
    }
}
