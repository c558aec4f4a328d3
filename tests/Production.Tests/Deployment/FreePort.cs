using System.Net;
using System.Net.Sockets;

namespace GbcPortal.Production.Tests.Deployment;

/// <summary>A port free on loopback now (for processes that must be told their port before they start).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
