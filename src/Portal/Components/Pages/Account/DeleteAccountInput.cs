using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Components.Pages.Account;

/// <summary>The delete-account form: the account's own email, typed to confirm.</summary>
public sealed class DeleteAccountInput
{
    public const string FormName = "delete-account";

    [Required(ErrorMessage = "Type your email to confirm.")]
    public string Email { get; set; } = "";
}
