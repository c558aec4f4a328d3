using GbcPortal.Core;
using GbcPortal.Portal.Callbacks;
using GbcPortal.Portal.Components;
using GbcPortal.Portal.Components.Pages.Usage;
using GbcPortal.Portal.Extensions;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddCore();
builder.AddPortal();
builder.Services.AddMudServices();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCallbackEndpoint();
app.MapPortalDashboard();
app.MapUsageDownloads();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
