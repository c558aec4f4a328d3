using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Usage;

/// <summary>
/// One service's history across the Service IDs that replaced each other (a meter swap, a rate change): the
/// owner's links joined by <see cref="ServiceLink.ReplacesLinkId"/>, oldest first. Each link's readings stay under
/// its own Service ID; a view reads each link up to the end of its data, where the next one takes over.
/// </summary>
internal sealed record UsageChain(IReadOnlyList<UsageChain.Part> Parts)
{
    /// <summary>A link of the chain and the span it is read over, [From, To) in UTC epoch seconds (null: unbounded).</summary>
    internal sealed record Part(ServiceLink Link, long? From, long? To);

    public static async Task<UsageChain> LoadAsync(PortalDbContext db, ServiceLink link, CancellationToken ct)
    {
        // Only the same owner's links can be joined (LinkService checks), and only these are read.
        var links = await db.ServiceLinks.AsNoTracking().Where(l => l.OwnerId == link.OwnerId && l.Status != LinkStatus.FileOnly)
            .ToListAsync(ct);
        var byId = links.ToDictionary(l => l.Id);
        var chain = new List<ServiceLink> { byId.GetValueOrDefault(link.Id) ?? link };
        var seen = new HashSet<int> { link.Id };
        while (chain[0].ReplacesLinkId is { } older && byId.TryGetValue(older, out var previous) && seen.Add(previous.Id))
            chain.Insert(0, previous);
        while (links.Where(l => l.ReplacesLinkId == chain[^1].Id && !seen.Contains(l.Id)).MaxBy(l => l.Id) is { } next)
        {
            seen.Add(next.Id);
            chain.Add(next);
        }

        // The older link is read up to the end of its last reading; the newer from there on.
        var parts = new List<Part>();
        long? from = null;
        for (var i = 0; i < chain.Count; i++)
        {
            long? to = i == chain.Count - 1 ? null : chain[i].LastCompleteReadingAt?.ToUnixTimeSeconds() ?? from;
            parts.Add(new Part(chain[i], from, to));
            from = to;
        }

        return new UsageChain(parts);
    }

    public bool IsJoined => Parts.Count > 1;

    /// <summary>The newest link: its time zone and Service ID lead.</summary>
    public ServiceLink Newest => Parts[^1].Link;
}
