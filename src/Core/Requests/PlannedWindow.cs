using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Requests;

/// <summary>One window to request: [<see cref="Start"/>, <see cref="End"/>) in UTC.</summary>
public sealed record PlannedWindow(RequestKind Kind, DateTimeOffset Start, DateTimeOffset End, int Priority)
{
    public TimeSpan Duration => End - Start;

    public DataRequest ToRequest(int linkId, DateTimeOffset now) => new()
    {
        LinkId = linkId,
        RequestId = Guid.NewGuid(),
        Kind = Kind,
        Priority = Priority,
        WindowStart = Start,
        WindowEnd = End,
        Status = RequestStatus.Pending,
        NotBefore = now,
        CreatedAt = now,
        StatusChangedAt = now,
    };
}
