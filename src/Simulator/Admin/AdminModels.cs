using System.Text.Json.Serialization;
using GbcPortal.Simulator.Accounts;
using GbcPortal.Simulator.Data;

namespace GbcPortal.Simulator.Admin;

/// <summary>An account as <c>GET /sim/accounts</c> shows it: the PIN masked, or null once deleted.</summary>
public sealed record AccountView(
    [property: JsonPropertyName("serviceId")] string ServiceId,
    [property: JsonPropertyName("pin")] string? Pin,
    [property: JsonPropertyName("intervalSeconds")] int IntervalSeconds,
    [property: JsonPropertyName("solar")] bool Solar,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("powerOfTenMultiplier")] int PowerOfTenMultiplier)
{
    internal static AccountView Of(SimAccount a) =>
        new(a.ServiceId, a.Pin is null ? null : "****", a.IntervalSeconds, a.Solar, a.Active, a.PowerOfTenMultiplier);
}

/// <summary>The body of <c>PUT /sim/accounts/{serviceId}/pin</c>.</summary>
public sealed record PinChange([property: JsonPropertyName("pin")] string? Pin)
{
    public override string ToString() => "PinChange { Pin = *** }";
}

/// <summary>The answer of <c>GET /sim/accounts/{serviceId}/usage</c>: true totals per flow direction code.</summary>
public sealed record UsageView([property: JsonPropertyName("flows")] IReadOnlyDictionary<string, FlowTotal> Flows);

/// <summary>Why an admin call was refused.</summary>
public sealed record AdminError([property: JsonPropertyName("error")] string Error);
