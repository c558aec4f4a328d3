using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GbcPortal.Core.Persistence;

internal sealed class ServiceLinkConfiguration : IEntityTypeConfiguration<ServiceLink>
{
    public void Configure(EntityTypeBuilder<ServiceLink> link)
    {
        link.HasIndex(l => new { l.OwnerId, l.ServiceId }).IsUnique();
        link.HasIndex(l => l.ServiceId);
        link.HasIndex(l => l.Status);
        link.Property(l => l.ServiceId).HasMaxLength(64);
        link.Property(l => l.TimeZoneId).HasMaxLength(64);
        link.Property(l => l.Version).IsConcurrencyToken();
        link.HasOne(l => l.Owner).WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> request)
    {
        request.HasIndex(r => r.RequestId).IsUnique();
        request.HasIndex(r => new { r.Status, r.Priority, r.Id });
        request.HasIndex(r => new { r.LinkId, r.Status });
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasOne(r => r.Link).WithMany(l => l.Requests).HasForeignKey(r => r.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallbackInboxConfiguration : IEntityTypeConfiguration<CallbackInbox>
{
    public void Configure(EntityTypeBuilder<CallbackInbox> inbox)
    {
        inbox.HasIndex(c => new { c.State, c.Id });
        inbox.HasIndex(c => c.RequestId);
        inbox.HasOne(c => c.DataRequest).WithMany().HasForeignKey(c => c.DataRequestId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReadingTypeRowConfiguration : IEntityTypeConfiguration<ReadingTypeRow>
{
    public void Configure(EntityTypeBuilder<ReadingTypeRow> type)
    {
        type.ToTable("ReadingTypes");
        type.HasIndex(t => new { t.LinkId, t.Key }).IsUnique();
        type.Property(t => t.Key).HasMaxLength(128);
        type.HasOne(t => t.Link).WithMany(l => l.ReadingTypes).HasForeignKey(t => t.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredReadingConfiguration : IEntityTypeConfiguration<StoredReading>
{
    public void Configure(EntityTypeBuilder<StoredReading> reading)
    {
        reading.ToTable("Readings");
        reading.HasKey(r => new { r.LinkId, r.ReadingTypeId, r.Start });
        reading.HasOne<ReadingTypeRow>().WithMany().HasForeignKey(r => r.ReadingTypeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RateSlotConfiguration : IEntityTypeConfiguration<RateSlot>
{
    public void Configure(EntityTypeBuilder<RateSlot> slot) => slot.HasIndex(s => s.TakenAt);
}

internal sealed class DispatchControlConfiguration : IEntityTypeConfiguration<DispatchControl>
{
    public void Configure(EntityTypeBuilder<DispatchControl> control)
    {
        control.ToTable("DispatchControl");
        control.Property(c => c.Id).ValueGeneratedNever();
        control.Property(c => c.Version).IsConcurrencyToken();
        control.HasData(new DispatchControl { Id = DispatchControl.SingletonId });
    }
}
