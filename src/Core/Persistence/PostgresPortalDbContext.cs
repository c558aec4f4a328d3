using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>The PostgreSQL flavour of <see cref="PortalDbContext"/>; owns the migrations in Migrations/Postgres.</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
