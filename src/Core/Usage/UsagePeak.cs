namespace GbcPortal.Core.Usage;

/// <summary>The interval of the period with the most energy delivered.</summary>
public sealed record UsagePeak(DateTimeOffset Start, int DurationSeconds, double Kwh)
{
    /// <summary>The average demand over the interval, in kW.</summary>
    public double AverageKw => DurationSeconds > 0 ? Kwh * 3600 / DurationSeconds : 0;
}
