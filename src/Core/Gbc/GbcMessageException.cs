namespace GbcPortal.Core.Gbc;

/// <summary>
/// A GBC control message that cannot be read. The message names what is wrong and never
/// quotes the body (it may hold a PIN).
/// </summary>
public sealed class GbcMessageException(string message) : Exception(message);
