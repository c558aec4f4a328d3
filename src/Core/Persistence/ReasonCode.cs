namespace GbcPortal.Core.Persistence;

/// <summary>
/// Why a link or a request is where it is, stored as its name (<see cref="ServiceLink.StatusReason"/>,
/// <see cref="DataRequest.OutcomeReason"/>); the sentences people read are in <see cref="Usage.StatusSentences"/>,
/// and what the utility said in its own words is kept beside the code (<c>UtilityMessage</c>).
/// </summary>
public enum ReasonCode
{
    /// <summary>A reason stored before codes whose words matched none of them; its text is kept as the utility's.</summary>
    Other,

    // The utility's answers about the link (a UsageRequestStatus or the HTTP error of a send).
    PinNotAccepted,
    AccessRevoked,
    ServiceInactive,
    UnknownServiceId,
    InvalidRequest,
    NoData,
    UtilityFailed,

    // The utility could not take the request now.
    UtilityBusy,
    RateLimited,
    UtilityUnavailable,
    ConnectionDropped,
    CertificateRefused,
    Timeout,
    TimeoutGaveUp,

    // The callback could not be used.
    MalformedCallback,
    CallbackRefused,

    // Our side: the PIN, the customer, staff, the dispatcher.
    PinUnreadable,
    WaitingForPin,
    CheckingNewPin,
    NewPin,
    Unlinked,
    Replanned,
    RetriedByStaff,
    RefusedByStaff,
    UploadedFile,
    NeverSent,
    ResentAfterStop,
    AwaitingCallback,
}
