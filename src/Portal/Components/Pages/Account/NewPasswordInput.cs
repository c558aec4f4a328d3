using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Components.Pages.Account;

/// <summary>A new password typed twice (reset and change password).</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(100, MinimumLength = 8, ErrorMessage = "The password must have at least 8 characters.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
