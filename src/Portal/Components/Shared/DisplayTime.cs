using System.Globalization;

namespace GbcPortal.Portal.Components.Shared;

/// <summary>Instants as a customer of the utility reads them: in the service's (or the utility's) local time, with the offset.</summary>
public static class DisplayTime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Local(DateTimeOffset instant, string zoneId)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone(zoneId));
        return local.ToString("MMM d, yyyy, h:mm tt", English) + " " + Offset(local.Offset);
    }

    public static string Date(DateTimeOffset instant, string zoneId) =>
        TimeZoneInfo.ConvertTime(instant, Zone(zoneId)).ToString("MMM d, yyyy", English);

    /// <summary>"3 minutes ago", for the time of the last change.</summary>
    public static string Ago(DateTimeOffset instant, DateTimeOffset now)
    {
        var span = now - instant;
        if (span < TimeSpan.FromMinutes(1))
            return "just now";
        if (span < TimeSpan.FromHours(1))
            return Plural((int)span.TotalMinutes, "minute") + " ago";
        if (span < TimeSpan.FromDays(1))
            return Plural((int)span.TotalHours, "hour") + " ago";
        return Plural((int)span.TotalDays, "day") + " ago";
    }

    public static string Duration(TimeSpan span) =>
        span < TimeSpan.FromMinutes(1) ? "under a minute"
        : span < TimeSpan.FromHours(1) ? Plural((int)Math.Ceiling(span.TotalMinutes), "minute")
        : span < TimeSpan.FromDays(2) ? Plural((int)span.TotalHours, "hour") + (span.Minutes == 0 ? "" : " " + Plural(span.Minutes, "minute"))
        : Plural((int)Math.Round(span.TotalDays), "day");

    public static string Kwh(double? kwh) => kwh is { } v ? v.ToString(v >= 100 ? "N0" : "N2", English) + " kWh" : "no data";

    // Every stored zone was known when it was stored (the utility's or a guessed US zone); one this machine lacks shows
    // as UTC, with its offset printed, rather than as another zone's local time.
    private static TimeZoneInfo Zone(string zoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(offset.Minutes == 0 ? "%h" : @"h\:mm", English);

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
}
