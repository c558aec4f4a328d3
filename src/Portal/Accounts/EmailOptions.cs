using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Extensions;

/// <summary>
/// How account emails leave (section <c>Email</c>): an SMTP server when <see cref="SmtpHost"/> is
/// set, otherwise .eml files in <see cref="PickupDirectory"/> (data/mail by default).
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    [Required, EmailAddress]
    public string From { get; set; } = "no-reply@gbcportal.local";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? PickupDirectory { get; set; }
}
