namespace GbcPortal.Portal.Audit;

/// <summary>
/// The address of the browser behind this circuit (or request), for the audit log. Scoped: one per circuit,
/// filled when the circuit connects (<see cref="ClientAddressCircuitHandler"/>), since an interactive
/// component has no HttpContext of its own.
/// </summary>
public sealed class ClientAddress
{
    public string? Ip { get; set; }
}
