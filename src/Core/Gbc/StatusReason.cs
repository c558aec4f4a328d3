namespace GbcPortal.Core.Gbc;

/// <summary>The <c>reason</c> of a UsageRequestStatus, as gbc-protocol.md lists them.</summary>
public enum StatusReason
{
    InvalidRequest,
    PinMismatch,
    UnknownServiceId,
    ServiceInactive,
    NoData,
    InternalError,
}
