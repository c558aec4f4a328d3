using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Staff;

/// <summary>One page of a staff search; <see cref="Total"/> counts every match.</summary>
public sealed record ServiceSearchResult(string Query, IReadOnlyList<ServiceSearchRow> Rows, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + ServiceSearch.PageSize - 1) / ServiceSearch.PageSize);
}

/// <summary>
/// A service that matched, with its owner; an account that matched by email but has no service has no
/// <see cref="LinkId"/>, so staff still learn that the account exists.
/// </summary>
public sealed record ServiceSearchRow(int? LinkId, string? ServiceId, LinkStatus? Status, string OwnerId, string? Email, DateTimeOffset? LinkedAt);
