using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Core.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The service emails' outbox (section <c>Notices</c>). The host registers an <see cref="IServiceEmailSender"/>.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NoticeOutbox>();
        return services;
    }
}
