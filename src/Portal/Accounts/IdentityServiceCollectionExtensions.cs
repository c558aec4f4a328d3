using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Accounts;

/// <summary>ASP.NET Core Identity on the portal's database: cookie sign-in, Customer and Staff roles, account emails.</summary>
public static class IdentityServiceCollectionExtensions
{
    public const string LoginPath = "/Account/Login";
    public const string LogoutPath = "/Account/Logout";
    public const string AccessDeniedPath = "/Account/AccessDenied";

    public static IHostApplicationBuilder AddPortalIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "GbcPortal.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Development runs on plain http://localhost; everywhere else the cookie never travels unencrypted.
            cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAntiforgery(antiforgery =>
            antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<PortalOptions>>((stamp, portal) =>
                stamp.ValidationInterval = portal.Value.RevalidationInterval);

        services.AddIdentityCore<PortalUser>(options =>
            {
                // A Development machine has no mail server; elsewhere an account is confirmed by email.
                options.SignIn.RequireConfirmedAccount = !development;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.Staff, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Staff));

        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName)
            .PostConfigure<PortalDataFolder>((email, folder) => email.PickupDirectory ??= Path.Combine(folder.Root, "mail"))
            .ValidateDataAnnotations()
            .Validate(email => development || !string.IsNullOrWhiteSpace(email.SmtpHost),
                "Email:SmtpHost is missing: outside Development account emails go through an SMTP server.")
            .ValidateOnStart();
        services.AddSingleton<MailSender>();
        services.AddSingleton<AccountEmails>();
        services.AddSingleton<IEmailSender<PortalUser>>(sp => sp.GetRequiredService<AccountEmails>());
        services.AddScoped<AccountLinks>();
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<GbcPortal.Core.Notifications.IServiceEmailSender, ServiceEmails>();
        services.AddScoped<StaffAccounts>();
        services.AddHostedService<IdentitySeeder>();
        return builder;
    }
}
