namespace GbcPortal.Core.Gbc;

/// <summary>
/// Where the utility posts its answers: the <c>callbackUri</c> of every UsageRequest. The host knows it (the
/// callback endpoint's binding, whose port may be chosen only at start); <see cref="GbcClient"/> asks for it.
/// </summary>
public interface ICallbackAddress
{
    Uri CallbackUri { get; }
}
