using GbcPortal.Core;
using GbcPortal.Portal.Accounts;
using GbcPortal.Portal.Callbacks;
using GbcPortal.Portal.Components;
using GbcPortal.Portal.Components.Pages.Upload;
using GbcPortal.Portal.Components.Pages.Usage;
using GbcPortal.Portal.Health;
using GbcPortal.Portal.Hosting;
using GbcPortal.Portal.Jobs;

StaffCommand.TryParse(args, out var staffCommand, out var hostArgs);
if (args is ["staff", ..] && staffCommand is null)
{
    Console.Error.WriteLine(StaffCommand.Usage);
    return 2;
}

var builder = WebApplication.CreateBuilder(hostArgs);
if (!StartupCheck.Passes(builder, Console.Error))
    return 2;

builder.AddCore();
builder.AddPortal();

var app = builder.Build();
if (staffCommand is not null)
    return await staffCommand.RunAsync(app.Services, Console.In, Console.Out, Console.Error);

app.UsePortalWebSecurity();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseUploadSizeGuard();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCallbackEndpoint();
app.MapPortalDashboard();
app.MapUsageDownloads();
app.MapAccountDataDownload();
app.MapPortalHealth();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.MigrateDatabaseAsync();
return await StartupCheck.RunAsync(app, Console.Error);

public partial class Program;
