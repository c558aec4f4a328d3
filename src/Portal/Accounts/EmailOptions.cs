using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// How account emails leave (section <c>Email</c>): through the SMTP server <see cref="SmtpHost"/>.
/// Only in Development may it be empty: the emails are then written as .eml files to
/// <see cref="PickupDirectory"/> (data/mail by default) for a developer to open.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    [Required, EmailAddress]
    public string From { get; set; } = "no-reply@gbcportal.local";

    /// <summary>The name shown beside <see cref="From"/>.</summary>
    public string FromName { get; set; } = "GbcPortal";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>TLS to the server: implicit on port 465, STARTTLS elsewhere. False for a local relay on 25.</summary>
    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? PickupDirectory { get; set; }
}
