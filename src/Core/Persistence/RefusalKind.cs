namespace GbcPortal.Core.Persistence;

/// <summary>What the utility said to a link attempt it refused.</summary>
public enum RefusalKind
{
    PinNotAccepted = 0,
    UnknownServiceId = 1,
}
