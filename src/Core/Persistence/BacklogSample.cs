namespace GbcPortal.Core.Persistence;

/// <summary>
/// The queue's size at one moment, written by a recurring job: requests keep no history of their states, so
/// the backlog over time on <c>/staff</c> is drawn from these samples.
/// </summary>
public class BacklogSample
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public int Pending { get; set; }

    public int Submitted { get; set; }
}
