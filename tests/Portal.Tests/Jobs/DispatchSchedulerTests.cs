using GbcPortal.Portal.Jobs;

namespace GbcPortal.Portal.Tests.Jobs;

/// <summary>The pump's schedule: the earliest time asked wins, an earlier ask wakes the pump, and a started run clears what it serves.</summary>
public sealed class DispatchSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Triggers_collapse_into_the_earliest_time_asked()
    {
        var clock = new ManualClock(Start);
        var scheduler = new DispatchScheduler(clock);

        scheduler.RunAt(Start.AddSeconds(3));
        scheduler.RunAt(Start.AddSeconds(2));
        scheduler.RunAt(Start.AddSeconds(9));

        Assert.Equal(Start.AddSeconds(2), scheduler.Peek().Asked);
    }

    [Fact]
    public void An_earlier_ask_wakes_the_waiting_pump_and_a_later_one_does_not()
    {
        var clock = new ManualClock(Start);
        var scheduler = new DispatchScheduler(clock);
        scheduler.RunAt(Start.AddSeconds(30));
        var waiting = scheduler.Peek().Earlier;

        scheduler.RunAt(Start.AddSeconds(40));
        Assert.False(waiting.IsCompleted);

        scheduler.RunNow();
        Assert.True(waiting.IsCompleted);
    }

    [Fact]
    public void A_started_run_serves_what_was_due_and_keeps_what_is_later()
    {
        var clock = new ManualClock(Start);
        var scheduler = new DispatchScheduler(clock);
        scheduler.RunAt(Start.AddSeconds(2));

        clock.Now = Start.AddSeconds(2);
        scheduler.Starting();
        Assert.Null(scheduler.Peek().Asked);

        scheduler.RunAt(Start.AddSeconds(4));
        clock.Now = Start.AddSeconds(3);
        scheduler.Starting();
        Assert.Equal(Start.AddSeconds(4), scheduler.Peek().Asked);
    }

    [Fact]
    public void A_failed_run_asks_again_a_few_seconds_later()
    {
        var clock = new ManualClock(Start);
        var scheduler = new DispatchScheduler(clock);

        scheduler.RunSoon(); // what the pump does when a run throws

        Assert.Equal(Start.AddSeconds(3), scheduler.Peek().Asked);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
