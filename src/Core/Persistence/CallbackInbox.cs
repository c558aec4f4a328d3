namespace GbcPortal.Core.Persistence;

/// <summary>
/// A callback exactly as received, stored before it is parsed so that a parser bug never loses data:
/// ingest can be replayed from here.
/// </summary>
public class CallbackInbox
{
    public int Id { get; set; }

    public int? DataRequestId { get; set; }

    public DataRequest? DataRequest { get; set; }

    /// <summary>X-GBC-Request-Id.</summary>
    public Guid RequestId { get; set; }

    /// <summary>X-GBC-Utility-Request-Id.</summary>
    public string? UtilityRequestId { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The request headers as a JSON object (name to value).</summary>
    public string Headers { get; set; } = "{}";

    public byte[] Body { get; set; } = [];

    /// <summary>How <see cref="Body"/> is held: as received, or compressed once ingested.</summary>
    public CallbackBodyEncoding BodyEncoding { get; set; }

    /// <summary>When the body of an ingested callback was deleted past <c>Ingest:BodyRetentionDays</c>; the row and its metadata stay.</summary>
    public DateTimeOffset? BodyDeletedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public InboxState State { get; set; }

    /// <summary>What was wrong with it, or worth a word (readings dropped), as a code; <see cref="Usage.StatusSentences"/> says it.</summary>
    public CallbackProblem? Problem { get; set; }

    /// <summary>The problem's data: the parser's own diagnostic for a malformed body, or the refused address's host.</summary>
    public string? Detail { get; set; }

    /// <summary>The problem's number: readings outside the window, resources named, usage points named.</summary>
    public int? Count { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }
}
