using Microsoft.Extensions.Primitives;

namespace GbcPortal.Core.Gbc;

/// <summary>One callback as it came off the wire, before anything is believed: its headers and its unread body.</summary>
public sealed record CallbackDelivery(
    IEnumerable<KeyValuePair<string, StringValues>> Headers,
    string? ContentType,
    long? ContentLength,
    Stream Body);

/// <summary>
/// What the Requestor answers a callback (gbc-protocol.md: 200 only once it is stored). <see cref="InboxId"/> is the
/// stored row, to ingest, whatever the status; <see cref="RetryAfterSeconds"/> asks the utility to deliver it again.
/// </summary>
public sealed record CallbackAnswer(int StatusCode, int? InboxId = null, int? RetryAfterSeconds = null);
