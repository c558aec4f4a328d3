using GbcPortal.Core.Linking;

namespace GbcPortal.Core.Tests.Linking;

public sealed class LinkMessagesTests
{
    private static readonly DateTimeOffset Until = new(2026, 3, 13, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AHold_InTheUtilitysPacificZone_SaysPacificTime()
    {
        Assert.Contains("13 March 2026, 1:00 PM (Pacific time)", LinkMessages.HeldUntil(Until, "America/Los_Angeles"), StringComparison.Ordinal);
    }

    [Fact]
    public void AHold_InAnotherZone_NamesThatZone_NotPacificTime()
    {
        var message = LinkMessages.AccountHeldUntil(Until, "America/New_York");

        Assert.Contains("13 March 2026, 4:00 PM (America/New_York)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pacific", message, StringComparison.Ordinal);
    }
}
