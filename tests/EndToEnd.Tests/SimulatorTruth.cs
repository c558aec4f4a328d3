using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>One flow's true total from the simulator's admin API: readings and watt-hours.</summary>
public sealed record FlowTruth(int Readings, double Wh);

/// <summary>What the utility really has for a service over a period, from <c>GET /sim/accounts/{id}/usage</c>.</summary>
public static class SimulatorTruth
{
    public const int Delivered = 1, Received = 19;

    /// <summary>The true totals per flow direction for one local day of the service (midnight to midnight, 23/24/25 hours).</summary>
    public static async Task<IReadOnlyDictionary<int, FlowTruth>> DayAsync(HttpClient admin, string serviceId, DateOnly day, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var start = ToUtc(day, zone);
        var end = ToUtc(day.AddDays(1), zone);
        var json = await admin.GetFromJsonAsync<JsonElement>(
            $"/sim/accounts/{serviceId}/usage?start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}",
            TestContext.Current.CancellationToken);
        return json.GetProperty("flows").EnumerateObject().ToDictionary(
            f => int.Parse(f.Name, CultureInfo.InvariantCulture),
            f => new FlowTruth(f.Value.GetProperty("readings").GetInt32(), f.Value.GetProperty("wh").GetDouble()));
    }

    private static DateTimeOffset ToUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
