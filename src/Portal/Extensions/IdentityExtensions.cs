using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace GbcPortal.Portal.Extensions;

/// <summary>ASP.NET Core Identity on the portal's database: cookie sign-in, Customer and Staff roles.</summary>
public static class IdentityExtensions
{
    public const string LoginPath = "/Account/Login";
    public const string LogoutPath = "/Account/Logout";
    public const string AccessDeniedPath = "/Account/AccessDenied";

    public static IHostApplicationBuilder AddPortalIdentity(this IHostApplicationBuilder builder, PortalDataFolder folder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
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
        });

        services.AddIdentityCore<PortalUser>(options =>
            {
                // A Development machine has no mail server; elsewhere an account is confirmed by email.
                options.SignIn.RequireConfirmedAccount = !builder.Environment.IsDevelopment();
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.Staff, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Staff));

        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .PostConfigure(email => email.PickupDirectory ??= Path.Combine(folder.Root, "mail"))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEmailSender<PortalUser>, SmtpEmailSender>();
        services.AddHostedService<IdentitySeeder>();
        return builder;
    }
}
