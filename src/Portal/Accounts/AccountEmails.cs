using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// The account emails' words. Links arrive whole and unencoded (the body is plain text), built by
/// <see cref="AccountLinks"/> from <c>Portal:PublicBaseUrl</c>.
/// </summary>
public sealed class AccountEmails(MailSender mail) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        mail.SendAsync(email, "Confirm your GbcPortal account",
            $"""
            Welcome to GbcPortal.

            Please confirm your email address by opening this link:

            {confirmationLink}

            If you did not create an account, ignore this email: nothing happens without the link.
            """);

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        mail.SendAsync(email, "Reset your GbcPortal password",
            $"""
            Someone asked to reset the password of your GbcPortal account.

            Choose a new password by opening this link (it works once, for a limited time):

            {resetLink}

            If it was not you, ignore this email: your password stays as it is.
            """);

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        mail.SendAsync(email, "Reset your GbcPortal password", $"Your password reset code is: {resetCode}");

    /// <summary>
    /// Told to the owner of an address someone tried to register again: the form answers the same
    /// either way, so the page never says whether the address has an account.
    /// </summary>
    public Task SendAlreadyRegisteredAsync(string email, string signInLink, string resetLink) =>
        mail.SendAsync(email, "Your GbcPortal account",
            $"""
            Someone tried to create a GbcPortal account with this address, which already has one.

            If it was you, sign in here: {signInLink}
            Forgot your password? Choose a new one here: {resetLink}

            If it was not you, ignore this email: your account is unchanged.
            """);

    /// <summary>Sent after a customer deleted their account, to the address it had.</summary>
    public Task SendAccountDeletedAsync(string email) =>
        mail.SendAsync(email, "Your GbcPortal account is deleted",
            """
            Your GbcPortal account is deleted, with everything stored for it: your linked services,
            their usage and what your utility sent us for them. We ask your utility for nothing more.

            If it was not you, sign in to your utility's website and delete the Green Button Connect
            PIN you created for us, then contact us.
            """);
}
