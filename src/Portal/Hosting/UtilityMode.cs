namespace GbcPortal.Portal.Hosting;

/// <summary>The setting <c>Utility:Mode</c>.</summary>
public enum UtilityMode
{
    /// <summary>The simulator runs inside the portal (demos, Development).</summary>
    Simulated,

    /// <summary>The real utility, at its configured URL with real certificates.</summary>
    Live,
}
