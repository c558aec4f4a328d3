namespace GbcPortal.Core.Persistence.Migrations;

/// <summary>
/// The data step of migration <c>ReasonCodes</c>: every sentence the code stored as a reason before codes existed
/// becomes its <see cref="ReasonCode"/> name, what the utility said in it ("… The utility said: …", "Invalid request: …")
/// moves to <c>UtilityMessage</c>, and any other text is kept there whole under <see cref="ReasonCode.Other"/>.
/// The sentences are history (gathered from the code's past versions): this list must not follow today's wording.
/// </summary>
internal static class ReasonCodeConversion
{
    private const string Said = " The utility said: ";

    private static readonly (string Sentence, ReasonCode Code)[] RequestSentences =
    [
        ("The utility had no data for this window.", ReasonCode.NoData),
        ("The utility was busy (503) for this request; sending it again shortly.", ReasonCode.UtilityBusy),
        ("The utility said we were over its rate limit; retrying later.", ReasonCode.RateLimited),
        ("The utility was unavailable; retrying later.", ReasonCode.UtilityUnavailable),
        ("Waiting: the utility refused our client certificate.", ReasonCode.CertificateRefused),
        ("PIN not accepted by the utility; waiting for a new PIN.", ReasonCode.PinNotAccepted),
        ("Waiting for a new PIN.", ReasonCode.WaitingForPin),
        ("Service ID inactive.", ReasonCode.ServiceInactive),
        ("Unknown Service ID.", ReasonCode.UnknownServiceId),
        ("Not sent: the stored PIN can no longer be read; waiting for the customer to enter it again.", ReasonCode.PinUnreadable),
        ("Refused by staff after a review.", ReasonCode.RefusedByStaff),
        ("Unlinked by the customer.", ReasonCode.Unlinked),
        ("Replaced by a new plan.", ReasonCode.Replanned),
        ("Re-queued with the new PIN.", ReasonCode.NewPin),
        ("Retried by staff.", ReasonCode.RetriedByStaff),
        ("malformed response", ReasonCode.MalformedCallback),
        ("Its dispatcher stopped before sending it; back in the queue.", ReasonCode.NeverSent),
    ];

    // Sentences with numbers or times in them, recognised by how they begin.
    private static readonly (string Prefix, ReasonCode Code)[] RequestPrefixes =
    [
        ("refused callback", ReasonCode.CallbackRefused), // the detail is the callback's Error in CallbackInbox
        ("No response from the utility after ", ReasonCode.TimeoutGaveUp),
        ("No response from the utility within ", ReasonCode.Timeout),
        ("Its dispatcher stopped while sending it and no callback came within ", ReasonCode.ResentAfterStop),
        ("Its dispatcher stopped while sending it; waiting for the utility's callback", ReasonCode.AwaitingCallback),
    ];

    private static readonly (string Sentence, ReasonCode Code)[] LinkSentences =
    [
        ("The utility did not accept the PIN. Check it and enter it again.", ReasonCode.PinNotAccepted),
        ("The utility no longer accepts the PIN (it was changed or deleted). Enter the new PIN to continue.", ReasonCode.AccessRevoked),
        ("This Service ID is no longer active (for example after a meter swap or a rate change). Link your new Service ID.",
            ReasonCode.ServiceInactive),
        ("The utility does not know this Service ID. Check it on your bill and link it again.", ReasonCode.UnknownServiceId),
        ("Unlinked: requests stopped and the PIN deleted.", ReasonCode.Unlinked),
        ("The stored PIN can no longer be read. Enter it again.", ReasonCode.PinUnreadable),
        ("Checking the new PIN with the utility.", ReasonCode.CheckingNewPin),
        ("Our staff could not confirm that this account may see this Service ID, so we stopped asking the utility for it. "
            + "Contact us if you think this is a mistake.", ReasonCode.RefusedByStaff),
        ("Usage from an uploaded Green Button file.", ReasonCode.UploadedFile),
    ];

    /// <summary>The statements, in order; <paramref name="position"/> is the provider's <c>instr</c> (SQLite) or <c>strpos</c> (PostgreSQL).</summary>
    public static IEnumerable<string> Statements(string position)
    {
        const string requests = "\"DataRequests\"", reason = "\"OutcomeReason\"", message = "\"UtilityMessage\"";
        var at = $"{position}({reason}, '{Said}')";
        yield return $"UPDATE {requests} SET {message} = substr({reason}, {at} + {Said.Length}), {reason} = substr({reason}, 1, {at} - 1) WHERE {at} > 0";
        yield return $"UPDATE {requests} SET {message} = NULLIF(substr({reason}, 18), 'refused by the utility'), {reason} = '{ReasonCode.InvalidRequest}' "
            + $"WHERE {reason} LIKE 'Invalid request: %'";
        var close = $"{position}({reason}, '): ')";
        yield return $"UPDATE {requests} SET {message} = substr({reason}, {close} + 3), {reason} = '{ReasonCode.UtilityFailed}' "
            + $"WHERE {reason} LIKE 'The utility failed the request (%' AND {close} > 0";
        foreach (var (prefix, code) in RequestPrefixes)
            yield return $"UPDATE {requests} SET {reason} = '{code}' WHERE {reason} LIKE {Quote(prefix + "%")}";
        foreach (var statement in Exact(requests, reason, RequestSentences))
            yield return statement;
        yield return Others(requests, reason, message);
        foreach (var statement in Exact("\"ServiceLinks\"", "\"StatusReason\"", LinkSentences))
            yield return statement;
        yield return Others("\"ServiceLinks\"", "\"StatusReason\"", message);
    }

    private static IEnumerable<string> Exact(string table, string column, IEnumerable<(string Sentence, ReasonCode Code)> sentences) =>
        sentences.Select(s => $"UPDATE {table} SET {column} = '{s.Code}' WHERE {column} = {Quote(s.Sentence)}");

    // Whatever is left is words no code wrote: they are kept, whole, as the other side's.
    private static string Others(string table, string column, string message)
    {
        var names = string.Join(", ", Enum.GetNames<ReasonCode>().Select(Quote));
        return $"UPDATE {table} SET {message} = CASE WHEN {message} IS NULL THEN {column} ELSE {column} || '{Said}' || {message} END, "
            + $"{column} = '{ReasonCode.Other}' WHERE {column} IS NOT NULL AND {column} NOT IN ({names})";
    }

    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
