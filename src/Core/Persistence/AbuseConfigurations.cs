using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GbcPortal.Core.Persistence;

internal sealed class LinkRefusalConfiguration : IEntityTypeConfiguration<LinkRefusal>
{
    public void Configure(EntityTypeBuilder<LinkRefusal> refusal)
    {
        refusal.HasIndex(r => new { r.ServiceId, r.At });
        refusal.HasIndex(r => new { r.OwnerId, r.At });
        refusal.Property(r => r.ServiceId).HasMaxLength(64);
    }
}

internal sealed class LinkHoldConfiguration : IEntityTypeConfiguration<LinkHold>
{
    public void Configure(EntityTypeBuilder<LinkHold> hold)
    {
        hold.HasIndex(h => new { h.ServiceId, h.PlacedAt });
        hold.HasIndex(h => new { h.OwnerId, h.PlacedAt });
        hold.Property(h => h.ServiceId).HasMaxLength(64);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.AccountId, a.At });
        audit.HasIndex(a => new { a.ServiceId, a.At });
        audit.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
        audit.Property(a => a.ServiceId).HasMaxLength(64);
        audit.Property(a => a.Ip).HasMaxLength(64);
        audit.Property(a => a.Detail).HasMaxLength(500);
    }
}
