using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Staff;

/// <summary>
/// Staff find a customer's services by Service ID (exact, or its first digits) or by email (the whole address or
/// its beginning, any case). Both are range seeks on an index (ServiceLinks.ServiceId, Identity's NormalizedEmail),
/// so a search costs the same with 50,000 links as with 50; results come a page at a time.
/// </summary>
public sealed class ServiceSearch(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int PageSize = 20;

    /// <summary>Page <paramref name="page"/> (from 1) of what <paramref name="query"/> matches; an exact match comes first.</summary>
    public async Task<ServiceSearchResult> SearchAsync(string? query, int page = 1, CancellationToken cancellationToken = default)
    {
        var text = query?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new ServiceSearchResult("", [], 0, 1);
        }

        // Identity stores emails normalized this way (UpperInvariantLookupNormalizer).
        var email = text.Normalize().ToUpperInvariant();
        var (serviceTo, emailTo) = (PrefixEnd(text), PrefixEnd(email));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The range makes the seek; StartsWith keeps the match exact whatever the column's collation.
        var byServiceId = db.ServiceLinks
            .Where(l => string.Compare(l.ServiceId, text) >= 0 && string.Compare(l.ServiceId, serviceTo) < 0 && l.ServiceId.StartsWith(text))
            .Select(l => new Hit
            {
                LinkId = l.Id,
                ServiceId = l.ServiceId,
                Status = l.Status,
                OwnerId = l.OwnerId,
                Email = l.Owner!.Email,
                NormalizedEmail = l.Owner.NormalizedEmail,
                CreatedAt = l.CreatedAt,
            });
        var byEmail = from user in db.Users
                      where string.Compare(user.NormalizedEmail, email) >= 0 && string.Compare(user.NormalizedEmail, emailTo) < 0
                          && user.NormalizedEmail!.StartsWith(email)
                      from link in db.ServiceLinks.Where(l => l.OwnerId == user.Id).DefaultIfEmpty()
                      select new Hit
                      {
                          LinkId = (int?)link!.Id,
                          ServiceId = link.ServiceId,
                          Status = (LinkStatus?)link.Status,
                          OwnerId = user.Id,
                          Email = user.Email,
                          NormalizedEmail = user.NormalizedEmail,
                          CreatedAt = (DateTimeOffset?)link.CreatedAt,
                      };
        var hits = byServiceId.Union(byEmail);

        var total = await hits.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await hits
            .OrderBy(h => h.ServiceId == text || h.NormalizedEmail == email ? 0 : 1)
            .ThenBy(h => h.NormalizedEmail).ThenBy(h => h.ServiceId).ThenBy(h => h.LinkId)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        return new ServiceSearchResult(text,
            rows.Select(h => new ServiceSearchRow(h.LinkId, h.ServiceId, h.Status, h.OwnerId, h.Email, h.CreatedAt)).ToList(), total, page);
    }

    // The first string after every string that starts with the prefix, in ordinal order.
    private static string PrefixEnd(string prefix) =>
        prefix[^1] == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(prefix[^1] + 1);

    // Set by member initialisers, not a constructor: EF Core can then order and union on the members.
    private sealed class Hit
    {
        public int? LinkId { get; init; }

        public string? ServiceId { get; init; }

        public LinkStatus? Status { get; init; }

        public required string OwnerId { get; init; }

        public string? Email { get; init; }

        public string? NormalizedEmail { get; init; }

        public DateTimeOffset? CreatedAt { get; init; }
    }
}
