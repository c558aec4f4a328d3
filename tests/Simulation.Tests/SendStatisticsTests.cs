namespace GbcPortal.Simulation.Tests;

/// <summary>The report's arithmetic on sends placed by hand.</summary>
public sealed class SendStatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public void MaxInAnyWindow_CountsAClosedSixtySeconds()
    {
        List<DateTimeOffset> sends = [T0, T0.AddSeconds(30), T0.AddSeconds(60), T0.AddSeconds(60.5), T0.AddSeconds(125)];

        Assert.Equal(3, SendStatistics.MaxInAnyWindow(sends, Minute)); // T0, +30 and +60 lie in [T0, T0 + 60]
        Assert.Equal(0, SendStatistics.MaxInAnyWindow([], Minute));
    }

    [Fact]
    public void BudgetUse_SixEveryWindowPlusMargin_IsWindowOverWindowPlusMargin()
    {
        var sends = Enumerable.Repeat(T0, 6).Concat(Enumerable.Repeat(T0.AddSeconds(60.25), 6)).ToList();

        var use = SendStatistics.BudgetUse(sends, [(T0, T0.AddSeconds(120.5))], Minute, 6);

        Assert.Equal(120 / 120.5, use, 6);
    }

    [Fact]
    public void BudgetUse_OnlyCountsTheBackloggedPeriods_AndHalfUsedIsHalf()
    {
        // Three a minute for ten minutes, then silence; backlogged only during the first five minutes.
        var sends = Enumerable.Range(0, 10).SelectMany(m => Enumerable.Repeat(T0.AddMinutes(m), 3)).ToList();

        var use = SendStatistics.BudgetUse(sends, [(T0, T0.AddMinutes(5))], Minute, 6);

        Assert.Equal(0.5, use, 6);
        Assert.True(double.IsNaN(SendStatistics.BudgetUse(sends, [], Minute, 6)));
    }

    [Fact]
    public void Backlog_IsTheTimeBetweenABackloggedMarkAndTheNextClearOne()
    {
        var backlog = new BacklogTracker();
        backlog.Mark(T0, true);
        backlog.Mark(T0.AddMinutes(1), true);
        backlog.Mark(T0.AddMinutes(2), false);
        backlog.Mark(T0.AddMinutes(3), false);
        backlog.Mark(T0.AddMinutes(4), true);
        backlog.Mark(T0.AddMinutes(4), false);

        Assert.Equal([(T0, T0.AddMinutes(2))], backlog.Intervals);
    }
}
