using GbcPortal.Portal.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace GbcPortal.Pipeline.Tests;

/// <summary>The scheduler's marker never blocks dispatch: runs start at or after their time, and a lost run stops counting.</summary>
public sealed class DispatchSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_asked_for_mid_second_is_filed_for_the_next_whole_second()
    {
        var (jobs, clock) = (new RecordingJobs(), new ManualClock(Start));
        var scheduler = new DispatchScheduler(jobs, clock);

        scheduler.RunAt(Start.AddSeconds(5.7));

        // Hangfire files scheduled jobs in whole seconds (truncated): 09:00:05.7 would start at 09:00:05.x, too early.
        var scheduled = Assert.IsType<ScheduledState>(Assert.Single(jobs.States));
        Assert.Equal(Start.AddSeconds(6).UtcDateTime, scheduled.EnqueueAt);
    }

    [Fact]
    public void Triggers_collapse_into_the_run_already_due()
    {
        var (jobs, clock) = (new RecordingJobs(), new ManualClock(Start));
        var scheduler = new DispatchScheduler(jobs, clock);

        scheduler.RunAt(Start.AddSeconds(2));
        scheduler.RunAt(Start.AddSeconds(3));
        clock.Now = Start.AddSeconds(2.5);
        scheduler.RunNow();

        Assert.Single(jobs.States);
    }

    [Fact]
    public void A_run_whose_time_passed_without_starting_no_longer_blocks_new_runs()
    {
        var (jobs, clock) = (new RecordingJobs(), new ManualClock(Start));
        var scheduler = new DispatchScheduler(jobs, clock);
        scheduler.RunAt(Start.AddSeconds(2));

        // The scheduled run never starts (deleted, a worker died, it started early and asked again).
        clock.Now = Start.AddSeconds(20);
        scheduler.RunNow();

        Assert.Equal(2, jobs.States.Count);
        Assert.IsType<EnqueuedState>(jobs.States[1]);
    }

    [Fact]
    public void A_started_run_clears_the_marker_so_the_next_trigger_schedules_again()
    {
        var (jobs, clock) = (new RecordingJobs(), new ManualClock(Start));
        var scheduler = new DispatchScheduler(jobs, clock);
        scheduler.RunAt(Start.AddSeconds(2));

        clock.Now = Start.AddSeconds(2);
        scheduler.Starting();
        scheduler.RunAt(Start.AddSeconds(4));

        Assert.Equal(2, jobs.States.Count);
    }

    [Fact]
    public void A_run_that_failed_after_starting_schedules_another_a_few_seconds_later()
    {
        var (jobs, clock) = (new RecordingJobs(), new ManualClock(Start));
        var scheduler = new DispatchScheduler(jobs, clock);
        scheduler.RunNow();
        scheduler.Starting();

        scheduler.RunSoon(); // what DispatchJob does when its run throws

        var again = Assert.IsType<ScheduledState>(jobs.States[1]);
        Assert.Equal(Start.AddSeconds(3).UtcDateTime, again.EnqueueAt);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingJobs : IBackgroundJobClient
    {
        public List<IState> States { get; } = [];

        public string Create(Job job, IState state)
        {
            States.Add(state);
            return States.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
