using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// Sends one plain-text email with MailKit through <see cref="EmailOptions.SmtpHost"/>; in Development
/// without a server, writes it to the pickup folder instead. Bodies hold sign-in secrets, so only
/// the subject and the address are logged.
/// </summary>
public sealed class MailSender(IOptions<EmailOptions> options, IHostEnvironment environment, ILogger<MailSender> logger)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException("Email:SmtpHost is not set: account emails cannot be sent.");
            Directory.CreateDirectory(settings.PickupDirectory!);
            var file = Path.Combine(settings.PickupDirectory!, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
            logger.LogInformation("Wrote '{Subject}' to {Email} into the Development mail folder", subject, to);
            return;
        }

        using var client = new SmtpClient();
        var security = !settings.EnableSsl ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent '{Subject}' to {Email}", subject, to);
    }
}
