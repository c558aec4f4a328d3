using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>Exposes the provider's context factory as the provider-neutral one everyone injects.</summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
