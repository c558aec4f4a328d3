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

    /// <exception cref="PinUnavailableException">The keys that protected it are gone or the text was altered.</exception>
    public string Unprotect(string protectedPin)
    {
        try
        {
            return protector.Unprotect(protectedPin);
        }
        catch (CryptographicException)
        {
            throw new PinUnavailableException();
        }
    }
}
