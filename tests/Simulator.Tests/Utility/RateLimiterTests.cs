using GbcPortal.Simulator.Api;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Simulator.Tests.Utility;

public sealed class RateLimiterTests
{
    [Fact]
    public void TheWindowSlides_ARequestFreesItsSlotSixtySecondsLater()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var limiter = new RateLimiter(clock);

        // Six requests ten seconds apart: t = 0, 10, …, 50.
        for (var i = 0; i < 6; i++)
        {
            Assert.True(limiter.TryAcquire("portal", 6, out _));
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        // t = 60: the request of t = 0 has just left the window.
        Assert.True(limiter.TryAcquire("portal", 6, out _));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(limiter.TryAcquire("portal", 6, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(5), wait); // the request of t = 10 leaves at t = 70
        Assert.True(limiter.TryAcquire("other requestor", 6, out _));
        clock.Advance(wait);
        Assert.True(limiter.TryAcquire("portal", 6, out _));
    }

    [Fact]
    public void RefusedRequests_DoNotUseUpTheBudget()
    {
        var clock = new FakeTimeProvider();
        var limiter = new RateLimiter(clock);
        for (var i = 0; i < 6; i++)
            limiter.TryAcquire("portal", 6, out _);

        for (var i = 0; i < 100; i++)
            Assert.False(limiter.TryAcquire("portal", 6, out _));
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.True(limiter.TryAcquire("portal", 6, out _));
    }
}
