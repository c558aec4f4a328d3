namespace GbcPortal.Core.Requests;

/// <summary>
/// What the dispatcher hands to the utility client: one UsageRequest. The window is [start, end) in UTC;
/// the client adds the callback URI. <see cref="ToString"/> leaves the PIN out, so logging it is safe.
/// </summary>
public sealed record DataRequestSubmission(
    Guid RequestId,
    string ServiceId,
    string Pin,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd)
{
    public long DurationSeconds => (long)(WindowEnd - WindowStart).TotalSeconds;

    public override string ToString() =>
        $"DataRequestSubmission {{ RequestId = {RequestId}, ServiceId = {ServiceId}, Pin = ****, WindowStart = {WindowStart:O}, WindowEnd = {WindowEnd:O} }}";
}
