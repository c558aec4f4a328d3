using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Upload;

public static class UploadServiceCollectionExtensions
{
    /// <summary>Green Button files customers upload themselves.</summary>
    public static IServiceCollection AddUpload(this IServiceCollection services)
    {
        services.TryAddSingleton<UploadService>();
        return services;
    }
}
