namespace GbcPortal.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void CoreAssembly_Loads()
    {
        Assert.Equal("GbcPortal.Core", typeof(CoreServiceCollectionExtensions).Assembly.GetName().Name);
    }
}
