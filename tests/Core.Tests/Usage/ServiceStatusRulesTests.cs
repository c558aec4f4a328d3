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
        var (status, reason) = ServiceStatusRules.Describe(link, "why", [(RequestStatus.Submitted, null)]);

        Assert.Equal(expected, status);
        Assert.Equal("why", reason);
    }

    [Fact]
    public void Submitted_BeforePending_BeforeFailed_BeforeComplete()
    {
        Assert.Equal(ServiceStatus.Submitted, ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Complete, null), (RequestStatus.Pending, null), (RequestStatus.Submitted, null)]).Status);
        Assert.Equal(ServiceStatus.Pending, ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Failed, "x"), (RequestStatus.Pending, null)]).Status);
        Assert.Equal((ServiceStatus.Failed, "no callback after 4 attempts"), ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Complete, null), (RequestStatus.Failed, "no callback after 4 attempts")]));
        Assert.Equal((ServiceStatus.Complete, null), ServiceStatusRules.Describe(LinkStatus.Active, null,
            [(RequestStatus.Complete, null), (RequestStatus.Complete, null)]));
        Assert.Equal(ServiceStatus.Pending, ServiceStatusRules.Describe(LinkStatus.Pending, null, []).Status);
    }
}
