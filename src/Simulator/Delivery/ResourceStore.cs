using System.Collections.Concurrent;

namespace GbcPortal.Simulator.Delivery;

/// <summary>Notify mode: the requests whose feed can be fetched, by utility request id.</summary>
internal sealed class ResourceStore
{
    public const string BulkPath = "/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/";

    private readonly ConcurrentDictionary<string, DeliveryJob> _jobs = new(StringComparer.Ordinal);

    public void Add(DeliveryJob job) => _jobs[job.UtilityRequestId] = job;

    public DeliveryJob? Find(string utilityRequestId) => _jobs.GetValueOrDefault(utilityRequestId);
}
