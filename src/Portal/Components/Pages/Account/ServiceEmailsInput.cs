namespace GbcPortal.Portal.Components.Pages.Account;

/// <summary>The switch for service emails on /Account/Manage. An unchecked box posts nothing, which binds as false.</summary>
public sealed class ServiceEmailsInput
{
    public const string FormName = "service-emails";

    public bool EmailAboutServices { get; set; }
}
