using System.Net;
using System.Net.Mail;
using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Extensions;

/// <summary>Sends Identity's account emails by SMTP, or drops them in a folder when no server is set.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your GbcPortal account",
            $"Please confirm your account by opening this link: {confirmationLink}");

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your GbcPortal password", $"Reset your password by opening this link: {resetLink}");

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        SendAsync(email, "Reset your GbcPortal password", $"Your password reset code is: {resetCode}");

    private async Task SendAsync(string to, string subject, string body)
    {
        var settings = options.Value;
        using var message = new MailMessage(settings.From, to, subject, body);
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            Directory.CreateDirectory(settings.PickupDirectory!);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = settings.PickupDirectory;
        }
        else
        {
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = settings.EnableSsl;
            if (!string.IsNullOrEmpty(settings.UserName))
                client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }
        await client.SendMailAsync(message);
        // The address is enough to trace delivery; the body holds a sign-in secret.
        logger.LogInformation("Sent '{Subject}' to {Email}", subject, to);
    }
}
