namespace GbcPortal.Core.Persistence;

/// <summary>Why a data request exists; also its dispatch order (lowest first).</summary>
public enum RequestKind
{
    /// <summary>The first small request of a new link, so the customer learns quickly whether the PIN works.</summary>
    Verify = 0,

    /// <summary>History, in chunks of at most 185 days, newest first.</summary>
    Backfill = 1,

    /// <summary>The daily top-up of an active link; sent only off-peak.</summary>
    Refresh = 2,
}
