namespace GbcPortal.Core.Notifications;

/// <summary>Writes and sends a service email (the host's mail path, links from its public address). Throws when it could not.</summary>
public interface IServiceEmailSender
{
    Task SendAsync(ServiceEmail email, CancellationToken cancellationToken);
}
