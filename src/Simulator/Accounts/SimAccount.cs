namespace GbcPortal.Simulator.Accounts;

/// <summary>
/// A Service ID at the simulated utility. A null <see cref="Pin"/> means the customer deleted
/// it: every request is then refused with PinMismatch.
/// </summary>
public sealed record SimAccount(
    string ServiceId,
    string? Pin,
    int IntervalSeconds,
    bool Solar,
    bool Active,
    int PowerOfTenMultiplier)
{
    public static SimAccount From(AccountOptions options) => new(
        options.ServiceId,
        options.Pin,
        options.IntervalSeconds,
        options.Solar,
        options.Active,
        options.PowerOfTenMultiplier ?? DefaultMultiplier(options.ServiceId))
    {
        DataFrom = options.DataFrom,
        DataUntil = options.DataUntil,
    };

    /// <summary>The meter's first instant (a new Service ID after a swap); null: as far back as the history goes.</summary>
    public DateTimeOffset? DataFrom { get; init; }

    /// <summary>The meter's last instant (the old Service ID of a swap); null: up to the utility's lag.</summary>
    public DateTimeOffset? DataUntil { get; init; }

    /// <summary>Accounts differ in how they scale values (Wh or mWh), so a reader's unit handling is exercised.</summary>
    public static int DefaultMultiplier(string serviceId) => (serviceId.Sum(c => c - '0') % 2 == 0) ? 0 : -3;

    // Records print every property; a PIN must never reach a log line through ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ServiceId = {ServiceId}, Pin = {(Pin is null ? "(deleted)" : "***")}, IntervalSeconds = {IntervalSeconds}, ");
        builder.Append($"Solar = {Solar}, Active = {Active}, PowerOfTenMultiplier = {PowerOfTenMultiplier}");
        return true;
    }

    /// <summary>Constant-time, so the answer's timing says nothing about how much of a PIN was right.</summary>
    public bool PinMatches(string pin) =>
        Pin is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(Pin), System.Text.Encoding.UTF8.GetBytes(pin));
}
