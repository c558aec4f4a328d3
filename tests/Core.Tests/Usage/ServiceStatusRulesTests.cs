using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Tests.Usage;

public sealed class ServiceStatusRulesTests
{
    [Theory]
    [InlineData(LinkStatus.PinNotAccepted, ServiceStatus.PinNotAccepted)]
    [InlineData(LinkStatus.AccessRevoked, ServiceStatus.AccessRevoked)]
    [InlineData(LinkStatus.Inactive, ServiceStatus.Inactive)]
    [InlineData(LinkStatus.Rejected, ServiceStatus.Rejected)]
    public void LinkOutcome_WinsOverRequests(LinkStatus link, ServiceStatus expected)
    {
        var (status, reason) = ServiceStatusRules.Describe(link, ReasonCode.PinUnreadable, [(RequestStatus.Submitted, null)]);

        Assert.Equal(expected, status);
        Assert.Equal(ReasonCode.PinUnreadable, reason);
    }

    [Fact]
    public void Submitted_BeforePending_BeforeFailed_BeforeComplete()
    {
        Assert.Equal(ServiceStatus.Submitted, ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Complete, null), (RequestStatus.Pending, null), (RequestStatus.Submitted, null)]).Status);
        Assert.Equal(ServiceStatus.Pending, ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Failed, ReasonCode.TimeoutGaveUp), (RequestStatus.Pending, null)]).Status);
        Assert.Equal((ServiceStatus.Failed, ReasonCode.TimeoutGaveUp), ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Complete, null), (RequestStatus.Failed, ReasonCode.TimeoutGaveUp)]));
        Assert.Equal((ServiceStatus.Complete, (ReasonCode?)null), ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Complete, null), (RequestStatus.Complete, null)]));
        Assert.Equal(ServiceStatus.Pending, ServiceStatusRules.Describe(LinkStatus.Pending, null, []).Status);
    }
}
