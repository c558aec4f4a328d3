namespace GbcPortal.Core.Espi;

/// <summary>
/// An ESPI UsagePoint. <see cref="Id"/> is its Atom self link (or entry id when it has none).
/// <see cref="LocalTime"/> comes from the LocalTimeParameters the UsagePoint links to.
/// </summary>
public sealed record UsagePointInfo(
    string Id,
    ServiceKind Kind,
    string? Title = null,
    LocalTimeParameters? LocalTime = null);
