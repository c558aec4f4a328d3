using System.Collections.Concurrent;

namespace GbcPortal.Simulator.Accounts;

/// <summary>The simulated utility's accounts, seeded from configuration and changed through the admin API.</summary>
public sealed class AccountStore
{
    private readonly ConcurrentDictionary<string, SimAccount> _accounts = new(StringComparer.Ordinal);

    public AccountStore(IEnumerable<AccountOptions> seed)
    {
        foreach (var options in seed)
        {
            var problem = options.Problem();
            if (problem is not null)
                throw new InvalidOperationException($"Simulator account '{options.ServiceId}': {problem}");
            Upsert(SimAccount.From(options));
        }
    }

    public IReadOnlyList<SimAccount> All => [.. _accounts.Values.OrderBy(a => a.ServiceId, StringComparer.Ordinal)];

    public SimAccount? Find(string serviceId) => _accounts.GetValueOrDefault(serviceId);

    public void Upsert(SimAccount account) => _accounts[account.ServiceId] = account;

    /// <summary>Changes an account; false when there is no such Service ID.</summary>
    public bool Update(string serviceId, Func<SimAccount, SimAccount> change)
    {
        while (_accounts.TryGetValue(serviceId, out var current))
        {
            if (_accounts.TryUpdate(serviceId, change(current), current))
                return true;
        }
        return false;
    }
}
