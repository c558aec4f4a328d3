namespace GbcPortal.Portal.Components.Pages.Account;

/// <summary>The switch for service emails on /Account/Manage. An unchecked box posts nothing, which binds as false.</summary>
public sealed class ServiceEmailsInput
{
    public const string FormName = "service-emails";

    public bool EmailAboutServices { get; set; }

    /// <summary>
    /// Posted by a hidden field, so a form with the box unchecked still maps to a model (with nothing at all posted
    /// for it, the model would be null and the page would read the stored value back instead of the new one).
    /// </summary>
    public bool Posted { get; set; }
}
