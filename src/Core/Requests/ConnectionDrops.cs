namespace GbcPortal.Core.Requests;

/// <summary>
/// Counts sends in a row that ended with the connection closed and no HTTP answer. With TLS 1.3 the
/// utility judges our client certificate after the handshake and refusing it looks exactly like this,
/// so a run of drops is treated as a refused certificate (dispatch pauses and staff are alerted)
/// instead of backing off forever. Likewise 503s in a row: one is a request's bad luck, a run is an outage.
/// Per process: every portal instance notices on its own.
/// </summary>
public sealed class ConnectionDrops
{
    private int inARow;
    private int unavailableInARow;

    /// <summary>Counts one more drop and returns how many happened in a row.</summary>
    public int Record() => Interlocked.Increment(ref inARow);

    /// <summary>Counts one more 503 (or failed send) and returns how many happened in a row.</summary>
    public int RecordUnavailable() => Interlocked.Increment(ref unavailableInARow);

    /// <summary>The utility answered (with any other status): the connection works and it is not busy.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref inARow, 0);
        Interlocked.Exchange(ref unavailableInARow, 0);
    }
}
