namespace GbcPortal.Core.Persistence.Migrations;

/// <summary>
/// The data step of migration <c>DispatchCallbackNoticeCodes</c>: the sentences stored as dispatch's pause reason and alert,
/// as a callback's error and as a notice's note become codes (<see cref="DispatchReason"/>, <see cref="CallbackProblem"/>,
/// <see cref="NoticeReason"/>) with their values in columns of their own; the parser's diagnostic and the mail server's error
/// stay as data. Our own words that were stored as the utility's (<c>UtilityMessage</c>: "The utility answered 503 …", a TLS
/// failure, a dropped connection) are removed: the code says it. The sentences are history and must not follow today's wording.
/// </summary>
internal static class DispatchCallbackNoticeConversion
{
    private const string Certificate = "The utility refused our client certificate. ", Paused = " Dispatch is paused.";
    private const string Called = "The utility called request ", Invalid = " invalid", InvalidSaid = " invalid: ";
    private const string Without = "without an answer ", InARow = " times in a row";

    // What the GBC client and the dispatcher wrote in the utility's name when the utility wrote nothing.
    private static readonly string[] OurWords =
    [
        "The utility answered %", "The TLS handshake with the utility failed%", "The utility closed the connection without an answer.",
        "The utility could not be reached%", "The utility did not answer in time.", "The utility accepted the request with an unreadable receipt.",
        "It closed the connection without an answer %", "(401)",
    ];

    /// <summary>The statements, in order; <paramref name="position"/> is the provider's <c>instr</c> (SQLite) or <c>strpos</c> (PostgreSQL).</summary>
    public static IEnumerable<string> Statements(string position)
    {
        string At(string column, string text) => $"{position}({column}, {Quote(text)})";

        // Dispatch: the pause reason was one of two sentences (or a test's words for a staff pause); the alert's text moved
        // to AlertUtilityMessage with the column's rename, and its values are read out of it.
        const string control = "\"DispatchControl\"", pause = "\"PauseReason\"", alert = "\"AlertUtilityMessage\"", reason = "\"AlertReason\"";
        yield return $"UPDATE {control} SET {pause} = CASE WHEN {pause} = {Quote(Certificate.TrimEnd())} THEN '{DispatchReason.CertificateRefused}' "
            + $"ELSE '{DispatchReason.PausedByStaff}' END WHERE {pause} IS NOT NULL";
        var idFrom = Called.Length + 1;
        yield return $"UPDATE {control} SET {reason} = '{DispatchReason.InvalidRequest}', "
            + $"\"AlertRequestId\" = CAST(substr({alert}, {idFrom}, {At(alert, Invalid)} - {idFrom}) AS INTEGER), "
            + $"{alert} = CASE WHEN {At(alert, InvalidSaid)} > 0 THEN NULLIF(substr({alert}, {At(alert, InvalidSaid)} + {InvalidSaid.Length}), '') END "
            + $"WHERE {alert} LIKE {Quote(Called + "%" + Invalid + "%")}";
        var countFrom = $"{At(alert, Without)} + {Without.Length}";
        yield return $"UPDATE {control} SET {reason} = '{DispatchReason.ConnectionsDropped}', "
            + $"\"AlertCount\" = CAST(substr({alert}, {countFrom}, {At(alert, InARow)} - ({countFrom})) AS INTEGER), {alert} = NULL "
            + $"WHERE {reason} IS NULL AND {alert} LIKE {Quote("%" + Without + "%" + InARow + "%")}";
        yield return $"UPDATE {control} SET {reason} = '{DispatchReason.CertificateRefused}', {alert} = CASE WHEN {alert} LIKE {Quote(Certificate + "%" + Paused)} "
            + $"THEN NULLIF(substr({alert}, {Certificate.Length + 1}, length({alert}) - {Certificate.Length + Paused.Length}), '') END "
            + $"WHERE {reason} IS NULL AND {alert} IS NOT NULL";

        foreach (var (table, column) in new[] { ("\"DataRequests\"", "\"UtilityMessage\""), ("\"ServiceLinks\"", "\"UtilityMessage\""), (control, alert) })
        {
            yield return $"UPDATE {table} SET {column} = NULL WHERE "
                + string.Join(" OR ", OurWords.Select(w => $"{column} LIKE {Quote(w)}"))
                + $" OR ({column} LIKE '%Exception' AND {column} NOT LIKE '% %')"; // the dispatcher's exception type name
        }

        // Callbacks: each sentence ingest wrote, its values read back out; what is left is the parser's own diagnostic.
        const string inbox = "\"CallbackInbox\"", detail = "\"Detail\"", problem = "\"Problem\"", count = "\"Count\"";
        string Set(CallbackProblem code, string values, string like) =>
            $"UPDATE {inbox} SET {problem} = '{code}', {values} WHERE {problem} IS NULL AND {detail} LIKE {Quote(like)}";
        string Between(string before, string after) =>
            $"substr({detail}, {At(detail, before)} + {before.Length}, {At(detail, after)} - {At(detail, before)} - {before.Length})";
        yield return Set(CallbackProblem.RequestGone, $"{detail} = NULL", "The request or its link no longer exists%");
        yield return Set(CallbackProblem.AlreadyFinished, $"{detail} = {Between(" was already ", " when this callback came")}",
            "Request % was already % when this callback came%");
        yield return Set(CallbackProblem.ReadingsOutsideWindow, $"{count} = CAST(substr({detail}, 1, {At(detail, " ")} - 1) AS INTEGER), {detail} = NULL",
            "% readings outside the requested window were dropped.");
        yield return Set(CallbackProblem.TooManyResources, $"{count} = CAST({Between("The notification names ", " resources; ")} AS INTEGER), {detail} = NULL",
            "The notification names % resources; at most %");
        yield return Set(CallbackProblem.NoTrustedHost, $"{detail} = NULL", "Utility:BaseUrl is not set%");
        yield return Set(CallbackProblem.ResourceOffHost, $"{detail} = {Between("a resource on ", ", not on the utility")}",
            "The notification names a resource on %, not on the utility's host %");
        yield return Set(CallbackProblem.ResourceNotHttps, $"{detail} = NULL", "The notification names %, which is not https.");
        yield return Set(CallbackProblem.SeveralUsagePoints, $"{count} = CAST({Between("The feed names ", " usage points")} AS INTEGER), {detail} = NULL",
            "The feed names % usage points%");
        yield return $"UPDATE {inbox} SET {problem} = '{CallbackProblem.Malformed}' WHERE {problem} IS NULL AND {detail} IS NOT NULL";

        // Notices: the four reasons to skip; any other note was a failed send's error, kept as the mail server's words.
        const string notices = "\"LinkNotices\"", why = "\"Reason\"";
        foreach (var (like, code) in new[]
        {
            ("The account turned service emails off.", NoticeReason.EmailsOff),
            ("The account has no confirmed address.", NoticeReason.NoConfirmedAddress),
            ("The link is % now, so the news is out of date.", NoticeReason.OutOfDate),
            ("Already sent for this link%", NoticeReason.AlreadySent),
        })
        {
            yield return $"UPDATE {notices} SET {why} = '{code}', {detail} = NULL WHERE {why} IS NULL AND {detail} LIKE {Quote(like)}";
        }

        yield return $"UPDATE {notices} SET {why} = '{NoticeReason.SendFailed}' WHERE {why} IS NULL AND {detail} IS NOT NULL";
    }

    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
