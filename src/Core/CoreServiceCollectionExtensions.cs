using GbcPortal.Core.Accounts;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Notifications;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Staff;
using GbcPortal.Core.Upload;
using GbcPortal.Core.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GbcPortal.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Wires the domain services of GbcPortal.Core into a host.</summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPersistence();
        builder.Services.AddRequestPipeline();
        builder.Services.AddGbc();
        builder.Services.AddUsage();
        builder.Services.AddUpload();
        builder.Services.AddAccountData();
        builder.Services.AddNotifications();
        builder.Services.AddStaffTools();
        return builder;
    }
}
