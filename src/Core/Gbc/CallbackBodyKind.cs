namespace GbcPortal.Core.Gbc;

/// <summary>What a utility's callback carries (see <see cref="CallbackBody.Classify"/>).</summary>
public enum CallbackBodyKind
{
    /// <summary>Not XML, or a root the protocol does not use.</summary>
    Unknown,

    /// <summary>Push: an ESPI Atom feed (or single entry) with the usage.</summary>
    Feed,

    /// <summary>Notify: an ESPI BatchList of resource URIs to GET.</summary>
    BatchList,

    /// <summary>An asynchronous rejection or failure: a UsageRequestStatus.</summary>
    Status,
}
