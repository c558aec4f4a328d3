using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Components.Pages.Account;

/// <summary>The one field of the resend-confirmation and forgot-password forms.</summary>
public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";
}
