using System.Globalization;

namespace GbcPortal.Core.Linking;

/// <summary>The sentences customers read about holds, limits and reviews: one table every page uses.</summary>
public static class LinkMessages
{
    public const string UnderReviewTitle = "Under review";

    public static string SharedNotice(DateTimeOffset at, string timeZoneId) =>
        $"Another account linked this Service ID on {Local(at, timeZoneId, "d MMMM yyyy")}. Our staff review every Service ID "
        + "linked by two accounts; if you did not share your PIN, change it at your utility and enter the new one here.";

    public static string HeldUntil(DateTimeOffset until, string timeZoneId) =>
        $"Too many attempts with a PIN the utility did not accept. For your security we are not sending new attempts to the "
        + $"utility until {Local(until, timeZoneId, "d MMMM yyyy, h:mm tt")} ({ZoneName(timeZoneId)}). Check the PIN at your utility meanwhile.";

    public static string AccountHeldUntil(DateTimeOffset until, string timeZoneId) =>
        $"Too many links from this account were refused by the utility. New links are not sent to the utility until "
        + $"{Local(until, timeZoneId, "d MMMM yyyy, h:mm tt")} ({ZoneName(timeZoneId)}). Check the Service ID and PIN on your bill meanwhile.";

    public const string SameRefusedPin =
        "The utility already refused this PIN for this Service ID, so we did not send it again. Check the PIN at your utility.";

    public const string SameUnknownServiceId =
        "The utility already told us it does not know this Service ID, so we did not ask again. Check the Service ID on your bill.";

    public static string TooManyLinks(int limit) =>
        $"This account already has {limit} linked services, the most one account may have. Unlink one you no longer need, "
        + "or contact us if you need more.";

    private static string Local(DateTimeOffset at, string timeZoneId, string format) =>
        TimeZoneInfo.ConvertTime(at, Zone(timeZoneId)).ToString(format, CultureInfo.InvariantCulture);

    // The zone the time is given in, as the caller passes it: the utility's own zone by its everyday name.
    private static string ZoneName(string timeZoneId) => timeZoneId == "America/Los_Angeles" ? "Pacific time" : timeZoneId;

    private static TimeZoneInfo Zone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
}
