using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>How the last hour's and day's sends split between request kinds, and the accounts that used the most.</summary>
public sealed record StaffTraffic(IReadOnlyList<KindTraffic> ByKind, IReadOnlyList<AccountTraffic> TopAccounts)
{
    public KindTraffic Of(RequestKind kind) => ByKind.FirstOrDefault(k => k.Kind == kind) ?? new KindTraffic(kind, 0, 0);
}

public sealed record KindTraffic(RequestKind Kind, int LastHour, int LastDay);

public sealed record AccountTraffic(string OwnerId, string? Email, int LastHour, int LastDay, int LiveLinks, int LinkLimit);
