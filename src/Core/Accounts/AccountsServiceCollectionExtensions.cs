using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>What a customer can do with all their data at once: delete it with the account.</summary>
    public static IServiceCollection AddAccountData(this IServiceCollection services)
    {
        services.TryAddSingleton<AccountData>();
        return services;
    }
}
