using System.Collections.Concurrent;
using GbcPortal.Core.Notifications;

namespace GbcPortal.Core.Tests.Notifications;

/// <summary>The mail server's side of the outbox: keeps what it is given, or fails while <see cref="Down"/> is set.</summary>
public sealed class RecordingEmailSender : IServiceEmailSender
{
    public ConcurrentQueue<ServiceEmail> Sent { get; } = new();

    public bool Down { get; set; }

    public TimeSpan Delay { get; set; }

    public async Task SendAsync(ServiceEmail email, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, cancellationToken);
        if (Down)
            throw new IOException("Connection refused by smtp.test:25");
        Sent.Enqueue(email);
    }
}
