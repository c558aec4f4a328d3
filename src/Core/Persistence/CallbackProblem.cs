namespace GbcPortal.Core.Persistence;

/// <summary>
/// What ingest found wrong with a callback (<see cref="CallbackInbox.Problem"/>), stored as its name beside the raw body;
/// the values it needs are in <see cref="CallbackInbox.Detail"/> and <see cref="CallbackInbox.Count"/>, the sentence in
/// <see cref="Usage.StatusSentences"/>.
/// </summary>
public enum CallbackProblem
{
    /// <summary>The request or its link no longer exists; nothing stored.</summary>
    RequestGone,

    /// <summary>Its request was already Complete or Cancelled: kept, not ingested, until staff replay it.</summary>
    AlreadyFinished,

    /// <summary>Ingested, less <see cref="CallbackInbox.Count"/> readings outside the requested window.</summary>
    ReadingsOutsideWindow,

    /// <summary>The body could not be read; <see cref="CallbackInbox.Detail"/> is the parser's diagnostic.</summary>
    Malformed,

    /// <summary>A Notify naming more resources than are fetched (<see cref="CallbackInbox.Count"/>).</summary>
    TooManyResources,

    /// <summary>A Notify came but <c>Utility:BaseUrl</c> is not set, so no resource host is trusted.</summary>
    NoTrustedHost,

    /// <summary>A Notify naming an address that is not https (<see cref="CallbackInbox.Detail"/>: its scheme and host).</summary>
    ResourceNotHttps,

    /// <summary>A Notify naming a resource on another host than the utility's (<see cref="CallbackInbox.Detail"/>).</summary>
    ResourceOffHost,

    /// <summary>A feed naming several usage points (<see cref="CallbackInbox.Count"/>) where a request is for one.</summary>
    SeveralUsagePoints,
}
