namespace GbcPortal.Simulator.Accounts;

/// <summary>
/// One account as configuration and <c>POST /sim/accounts</c> give it. When
/// <see cref="PowerOfTenMultiplier"/> is null the simulator picks 0 or -3 from the Service ID,
/// so different accounts exercise the reader's unit handling differently.
/// </summary>
public sealed class AccountOptions
{
    public string ServiceId { get; set; } = "";

    public string? Pin { get; set; }

    public int IntervalSeconds { get; set; } = 900;

    public bool Solar { get; set; }

    public bool Active { get; set; } = true;

    public int? PowerOfTenMultiplier { get; set; }

    /// <summary>A meter installed then (a new Service ID after a swap): no reading starts before it.</summary>
    public DateTimeOffset? DataFrom { get; set; }

    /// <summary>A meter removed then (the old Service ID of a swap): no reading ends after it.</summary>
    public DateTimeOffset? DataUntil { get; set; }

    public string? Problem()
    {
        if (string.IsNullOrEmpty(ServiceId) || ServiceId.Length > 32 || !ServiceId.All(char.IsAsciiDigit))
            return "serviceId is 1 to 32 digits.";
        if (Pin is not null && (Pin.Length is < 1 or > 32))
            return "pin is 1 to 32 characters.";
        if (IntervalSeconds is not (900 or 3600))
            return "intervalSeconds is 900 or 3600.";
        return PowerOfTenMultiplier is null or (>= -3 and <= 0) ? null : "powerOfTenMultiplier is between -3 and 0.";
    }
}
