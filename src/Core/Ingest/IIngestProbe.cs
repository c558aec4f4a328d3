namespace GbcPortal.Core.Ingest;

/// <summary>
/// Called between the steps of one ingest, inside its transaction. The default does nothing;
/// tests use it to kill an ingest half-way and prove that a rerun ends in the same state.
/// </summary>
public interface IIngestProbe
{
    void ReadingsWritten(int inboxId, int readings);
}

/// <summary>The probe of a running portal: nothing to observe.</summary>
public sealed class NoIngestProbe : IIngestProbe
{
    public void ReadingsWritten(int inboxId, int readings)
    {
    }
}
