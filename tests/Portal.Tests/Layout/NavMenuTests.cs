using GbcPortal.Portal.Components.Layout;

namespace GbcPortal.Portal.Tests.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    [Fact]
    public void SignedOut_IsOfferedSignInAndRegister_NotTheCustomerPages()
    {
        Auth.SetNotAuthorized();

        var nav = RenderPage<NavMenu>();

        var hrefs = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("Account/Login", hrefs);
        Assert.Contains("Account/Register", hrefs);
        Assert.DoesNotContain("services", hrefs);
        Assert.DoesNotContain("link", hrefs);
    }

    [Fact]
    public void SignedIn_SeesTheCustomerPages()
    {
        var nav = RenderPage<NavMenu>();

        var hrefs = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("services", hrefs);
        Assert.Contains("link", hrefs);
        Assert.DoesNotContain("Account/Login", hrefs);
    }
}
