using System.Globalization;
using GbcPortal.Core.Notifications;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// The service emails' words, around the card's own sentence, each with the one link that acts on it. Sent
/// through the account emails' path (<see cref="MailSender"/>). No PIN is ever part of one.
/// </summary>
public sealed class ServiceEmails(MailSender mail, PublicAddress address) : IServiceEmailSender
{
    public Task SendAsync(ServiceEmail email, CancellationToken cancellationToken)
    {
        var (subject, action, link) = Parts(email);
        var body = $"""
            Service ID {email.ServiceId}

            {email.Sentence}

            {action}
            {link}

            You get these emails because "Email me about my services" is on for your GbcPortal account.
            Turn it off here: {address.Url("Account/Manage")}
            """;
        return mail.SendAsync(email.To, subject, body, cancellationToken);
    }

    private (string Subject, string Action, string Link) Parts(ServiceEmail email)
    {
        var id = email.ServiceId;
        var linkId = email.LinkId.ToString(CultureInfo.InvariantCulture);
        return email.Event switch
        {
            NoticeEvent.FirstData => ($"Your usage for Service ID {id} has started to arrive", "See it here:", address.Url($"usage/{id}")),
            NoticeEvent.HistoryComplete => ($"The whole usage history of Service ID {id} has arrived", "See it here:", address.Url($"usage/{id}")),
            NoticeEvent.PinNotAccepted => ($"Service ID {id}: the PIN was not accepted", "Update the PIN here:",
                address.Url("services", ("updatePin", linkId))),
            NoticeEvent.AccessRevoked => ($"Service ID {id}: access was revoked", "Update the PIN here:",
                address.Url("services", ("updatePin", linkId))),
            NoticeEvent.ServiceInactive => ($"Service ID {id} is no longer active", "Link its replacement here:",
                address.Url("link", ("replaces", linkId))),
            _ => throw new ArgumentOutOfRangeException(nameof(email), email.Event, null),
        };
    }
}
