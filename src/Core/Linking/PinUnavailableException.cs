namespace GbcPortal.Core.Linking;

/// <summary>A stored PIN cannot be decrypted (lost Data Protection keys); the customer must enter it again.</summary>
public sealed class PinUnavailableException()
    : Exception("The stored PIN cannot be decrypted; the customer must enter it again.");
