using GbcPortal.Core.Requests;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// What runs dispatch (and the service emails) between the minutes of the recurring job: a link or request that changes,
/// staff resuming dispatch, and the start itself (whatever was left pending when the portal last stopped), so a new
/// link's first request or a resumed backlog goes out in seconds rather than at the next minute.
/// </summary>
public sealed class DispatchTriggers(
    RequestStatusNotifier notifier,
    DispatchControlService control,
    DispatchScheduler dispatch,
    NoticeScheduler notices) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Changed += OnChanged;
        notifier.Changed += notices.OnChanged;
        control.Resumed += dispatch.RunNow;
        dispatch.RunNow();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Changed -= OnChanged;
        notifier.Changed -= notices.OnChanged;
        control.Resumed -= dispatch.RunNow;
        return Task.CompletedTask;
    }

    private void OnChanged(RequestStatusChange change) => dispatch.RunNow();
}
