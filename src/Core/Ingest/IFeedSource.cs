namespace GbcPortal.Core.Ingest;

/// <summary>Opens a feed that a Notify (BatchList) callback names; the utility client does it over mutual TLS.</summary>
public interface IFeedSource
{
    Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken);
}
