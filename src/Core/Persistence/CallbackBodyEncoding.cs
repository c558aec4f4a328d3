namespace GbcPortal.Core.Persistence;

/// <summary>How a stored callback body's bytes are held (see <see cref="StoredCallbackBody"/>).</summary>
public enum CallbackBodyEncoding
{
    /// <summary>Exactly as the utility sent it.</summary>
    Identity = 0,

    /// <summary>Brotli-compressed once ingested; read back transparently.</summary>
    Brotli = 1,
}
