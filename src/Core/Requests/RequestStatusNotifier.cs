using Microsoft.Extensions.Logging;

namespace GbcPortal.Core.Requests;

/// <summary>A link's or a request's status changed (in this process).</summary>
public sealed record RequestStatusChange(int LinkId, int? DataRequestId = null);

/// <summary>
/// Singleton that tells open pages a status changed, as a courtesy: it is in-process only, so a page
/// must still read the database for the truth. Subscribers marshal to their own context
/// (<c>InvokeAsync</c>) and unsubscribe on dispose.
/// </summary>
public sealed class RequestStatusNotifier(ILogger<RequestStatusNotifier> logger)
{
    public event Action<RequestStatusChange>? Changed;

    public void Notify(RequestStatusChange change)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        // One broken page must not stop the dispatcher or the other pages.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<RequestStatusChange>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A status subscriber failed for link {LinkId}", change.LinkId);
            }
        }
    }
}
