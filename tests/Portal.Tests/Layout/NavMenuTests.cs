using GbcPortal.Portal.Components.Layout;

namespace GbcPortal.Portal.Tests.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    [Fact]
    public void SignedOut_TheAppBarOffersSignInAndRegisterOnce_AndThereIsNoDrawer()
    {
        Auth.SetNotAuthorized();

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddContent(0, "page")));

        var hrefs = layout.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(1, hrefs.Count(h => h == "Account/Login"));
        Assert.Equal(1, hrefs.Count(h => h == "Account/Register"));
        Assert.DoesNotContain("services", hrefs);
        Assert.Empty(layout.FindAll("nav, .mud-drawer"));
    }

    [Fact]
    public void SignedIn_TheLayoutHasTheDrawer_WithTheCustomerPages()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddContent(0, "page")));

        var hrefs = layout.FindAll(".mud-drawer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("services", hrefs);
        Assert.Contains("link", hrefs);
        Assert.DoesNotContain("Account/Login", layout.FindAll("a").Select(a => a.GetAttribute("href")));
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

    [Fact]
    public void Staff_SeeServicesBesideTheStaffPages_CustomersDoNot()
    {
        var customer = RenderPage<NavMenu>();
        Assert.DoesNotContain("staff/services", customer.FindAll("a").Select(a => a.GetAttribute("href")));

        Auth.SetRoles(GbcPortal.Core.Persistence.PortalRoles.Staff);
        var staff = Render<NavMenu>();

        var services = staff.FindAll("a").Single(a => a.GetAttribute("href") == "staff/services");
        Assert.Equal("Services", services.TextContent.Trim());
    }
}
