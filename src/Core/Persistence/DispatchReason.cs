namespace GbcPortal.Core.Persistence;

/// <summary>
/// Why dispatch is paused, or what staff must look at (<see cref="DispatchControl.PauseReason"/>,
/// <see cref="DispatchControl.AlertReason"/>), stored as its name; the sentences are in <see cref="Usage.StatusSentences"/>.
/// </summary>
public enum DispatchReason
{
    /// <summary>Staff pressed Pause.</summary>
    PausedByStaff,

    /// <summary>A 401 or a failed TLS handshake: the utility refused our client certificate.</summary>
    CertificateRefused,

    /// <summary>A run of connections closed without an answer: how a refused certificate shows with TLS 1.3.</summary>
    ConnectionsDropped,

    /// <summary>The utility called a request invalid (a bug on our side); dispatch goes on.</summary>
    InvalidRequest,
}
