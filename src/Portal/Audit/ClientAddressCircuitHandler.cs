using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GbcPortal.Portal.Audit;

/// <summary>
/// Takes the client's address from the circuit's connection while it connects: the hub's HttpContext is the
/// only one an interactive page has, and only during connection events.
/// </summary>
public sealed class ClientAddressCircuitHandler(IHttpContextAccessor accessor, ClientAddress address) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } ip)
        {
            address.Ip = (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
        }

        return Task.CompletedTask;
    }
}
