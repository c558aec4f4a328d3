using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Requests;

/// <summary>A request, its link and, when a rule needs them, the link's other open requests and the dispatch row.</summary>
internal sealed class OutcomeScope(PortalDbContext db, DataRequest request, ServiceLink link, DateTimeOffset now, DispatchOptions settings,
    LinkingOptions linking)
{
    public PortalDbContext Db => db;

    public DataRequest Request => request;

    public ServiceLink Link => link;

    public DateTimeOffset Now => now;

    public DispatchOptions Settings => settings;

    /// <summary>The guessing thresholds a refusal is counted against.</summary>
    public LinkingOptions Linking => linking;

    public Task<List<DataRequest>> OpenSiblingsAsync(CancellationToken cancellationToken) =>
        db.DataRequests
            .Where(r => r.LinkId == link.Id && r.Id != request.Id)
            .Where(r => r.Status == RequestStatus.Pending || r.Status == RequestStatus.Paused || r.Status == RequestStatus.Submitted)
            .ToListAsync(cancellationToken);

    public Task<DispatchControl> ControlAsync(CancellationToken cancellationToken) =>
        db.DispatchControl.SingleAsync(c => c.Id == DispatchControl.SingletonId, cancellationToken);
}
