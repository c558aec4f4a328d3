using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// What a callback may say before anything of it is used: a Notify names at most <see cref="MaxResourceUris"/>
/// https resources on the utility's own host, a feed names one usage point, and only readings inside the
/// request's window are kept.
/// </summary>
internal static class IngestChecks
{
    public const int MaxResourceUris = 50;

    /// <summary>Null when the BatchList may be fetched, else why not (the portal would otherwise fetch any address it is sent).</summary>
    public static CallbackRefusal? RefuseResources(IReadOnlyList<Uri> uris, Uri? utilityBase)
    {
        if (uris.Count > MaxResourceUris)
            return new(CallbackProblem.TooManyResources, Count: uris.Count);
        if (utilityBase is null)
            return new(CallbackProblem.NoTrustedHost);
        foreach (var uri in uris)
        {
            if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps)
                return new(CallbackProblem.ResourceNotHttps, Describe(uri));
            if (!string.Equals(uri.IdnHost, utilityBase.IdnHost, StringComparison.OrdinalIgnoreCase))
                return new(CallbackProblem.ResourceOffHost, uri.IdnHost);
        }
        return null;
    }

    /// <summary>Null when each feed names at most one usage point (a request is for one Service ID), else why not.</summary>
    public static CallbackRefusal? RefuseUsagePoints(IReadOnlyList<EspiDocument> documents) =>
        documents.FirstOrDefault(d => d.UsagePoints.Count > 1) is { } many
            ? new(CallbackProblem.SeveralUsagePoints, Count: many.UsagePoints.Count)
            : null;

    /// <summary>The feeds with only the readings inside [start, end); how many were dropped.</summary>
    public static (IReadOnlyList<EspiDocument> Documents, int Dropped) InsideWindow(IReadOnlyList<EspiDocument> documents,
        DateTimeOffset start, DateTimeOffset end)
    {
        var dropped = 0;
        var kept = documents.Select(document => document with
        {
            Series = document.Series.Select(series =>
            {
                var inside = series.Readings.Where(r => r.Start >= start && r.End <= end).ToList();
                dropped += series.Readings.Count - inside.Count;
                return inside.Count == series.Readings.Count ? series : series with { Readings = inside };
            }).ToList(),
        }).ToList();
        return (kept, dropped);
    }

    // Only the scheme and host: a refused address is data from outside and goes into logs and the staff page.
    private static string? Describe(Uri uri) => uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.IdnHost}" : null;
}

/// <summary>Why a callback is not used: what it named (<see cref="CallbackInbox.Detail"/>, <see cref="CallbackInbox.Count"/>) beside the code.</summary>
internal sealed record CallbackRefusal(CallbackProblem Problem, string? Detail = null, int? Count = null);
