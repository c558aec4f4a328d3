namespace GbcPortal.Core.Requests;

/// <summary>
/// Counts sends in a row that ended with the connection closed and no HTTP answer. With TLS 1.3 the
/// utility judges our client certificate after the handshake and refusing it looks exactly like this,
/// so a run of drops is treated as a refused certificate (dispatch pauses and staff are alerted)
/// instead of backing off forever. Per process: every portal instance notices on its own.
/// </summary>
public sealed class ConnectionDrops
{
    private int inARow;

    /// <summary>Counts one more drop and returns how many happened in a row.</summary>
    public int Record() => Interlocked.Increment(ref inARow);

    /// <summary>The utility answered (with any status): the connection works.</summary>
    public void Reset() => Interlocked.Exchange(ref inARow, 0);
}
