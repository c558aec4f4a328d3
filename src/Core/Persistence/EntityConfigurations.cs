using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GbcPortal.Core.Persistence;

internal sealed class ServiceLinkConfiguration : IEntityTypeConfiguration<ServiceLink>
{
    public void Configure(EntityTypeBuilder<ServiceLink> link)
    {
        link.HasIndex(l => new { l.OwnerId, l.ServiceId }).IsUnique();
        link.HasIndex(l => l.ServiceId);
        // By status, then what the capacity panel groups by (the newest reading of every active service) and the
        // planner orders by (stalest first), without reading the links themselves.
        link.HasIndex(l => new { l.Status, l.NeedsReview, l.LastCompleteReadingAt }).HasDatabaseName("IX_ServiceLinks_Status_Newest");
        // The links staff must review (/staff), found without reading every link.
        link.HasIndex(l => l.StatusChangedAt).HasFilter("\"NeedsReview\"").HasDatabaseName("IX_ServiceLinks_UnderReview");
        link.Property(l => l.ServiceId).HasMaxLength(64);
        link.Property(l => l.TimeZoneId).HasMaxLength(64);
        // By name, so a code keeps its meaning whatever the enum's order (migration ReasonCodes turned the old sentences into names).
        link.Property(l => l.StatusReason).HasConversion<string>();
        link.Property(l => l.Version).IsConcurrencyToken();
        link.HasOne(l => l.Owner).WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne(l => l.ReplacesLink).WithMany().HasForeignKey(l => l.ReplacesLinkId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class LinkNoticeConfiguration : IEntityTypeConfiguration<LinkNotice>
{
    public void Configure(EntityTypeBuilder<LinkNotice> notice)
    {
        notice.ToTable("LinkNotices");
        notice.HasIndex(n => new { n.State, n.NextAttemptAt });
        notice.HasIndex(n => new { n.LinkId, n.Event, n.State });
        notice.Property(n => n.Reason).HasConversion<string>().HasMaxLength(40);
        notice.Property(n => n.Detail).HasMaxLength(500);
        notice.HasOne(n => n.Link).WithMany(l => l.Notices).HasForeignKey(n => n.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    // Existing accounts are emailed too: the switch is on unless turned off.
    public void Configure(EntityTypeBuilder<PortalUser> user) => user.Property(u => u.EmailAboutServices).HasDefaultValue(true).HasSentinel(true);
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> request)
    {
        request.HasIndex(r => r.RequestId).IsUnique();
        request.HasIndex(r => new { r.Status, r.Priority, r.Id });
        request.HasIndex(r => new { r.LinkId, r.Status });
        // Claims are few and most requests are never claimed again: the dispatcher's recovery reads only those.
        request.HasIndex(r => new { r.Status, r.ClaimedBy }).HasFilter("\"ClaimedBy\" IS NOT NULL").HasDatabaseName("IX_DataRequests_Claimed");
        // /staff counts requests by status and kind from this index alone (see README "Database at scale"); the dispatcher
        // reads the earliest NotBefore of a kind along it when it runs out of work (DispatchQueue.NextDueAsync).
        request.HasIndex(r => new { r.Status, r.Kind, r.NotBefore });
        // /staff lists the newest failures; only failed requests are in it.
        request.HasIndex(r => new { r.Status, r.FailedAt }).HasFilter("\"Status\" = 3").HasDatabaseName("IX_DataRequests_Failed");
        // /staff counts the requests completed in the last day: a seek on both columns. Not partial on Complete: PostgreSQL
        // then drops the implied Status from the index condition and reads the whole index (no skip scan before 18).
        request.HasIndex(r => new { r.Status, r.CompletedAt }).HasDatabaseName("IX_DataRequests_Completed");
        request.Property(r => r.ClaimedBy).HasMaxLength(128);
        request.Property(r => r.OutcomeReason).HasConversion<string>();
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasOne(r => r.Link).WithMany(l => l.Requests).HasForeignKey(r => r.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallbackInboxConfiguration : IEntityTypeConfiguration<CallbackInbox>
{
    public const string BodyTable = "CallbackBodies";

    public void Configure(EntityTypeBuilder<CallbackInbox> inbox)
    {
        inbox.HasIndex(c => new { c.State, c.Id });
        inbox.HasIndex(c => c.RequestId);
        inbox.Property(c => c.Problem).HasConversion<string>().HasMaxLength(40);
        inbox.HasOne(c => c.DataRequest).WithMany().HasForeignKey(c => c.DataRequestId).OnDelete(DeleteBehavior.SetNull);
        // The body lives in its own table, one row per callback (entity splitting): SQLite rewrites a
        // whole row, overflow pages included, on any update, so with the body inline every state
        // change of the inbox row wrote megabytes to the WAL. The endpoint still stores both in one
        // SaveChanges (one transaction), and ingest and replay read Body as before.
        inbox.SplitToTable(BodyTable, body => body.Property(c => c.Body));
    }
}

internal sealed class ReadingTypeRowConfiguration : IEntityTypeConfiguration<ReadingTypeRow>
{
    public void Configure(EntityTypeBuilder<ReadingTypeRow> type)
    {
        type.ToTable("ReadingTypes");
        type.HasIndex(t => new { t.LinkId, t.Key }).IsUnique();
        // What a reading's foreign key points at (see StoredReadingConfiguration). Declared here, not
        // left to EF, because SQLite must have it before the Readings table refers to it.
        type.HasAlternateKey(t => new { t.LinkId, t.Id });
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
        // Keyed to the type through (LinkId, ReadingTypeId), a prefix of the primary key, so the key
        // doubles as the foreign key's index: a reading is written into one B-tree, not three (with
        // a single-column key EF adds an index on ReadingTypeId that only a cascade delete reads).
        // On SQLite the table is also WITHOUT ROWID (ClusteredTablesSqlGenerator): the rows sit in
        // the key's B-tree, so a range scan on (LinkId, ReadingTypeId, Start) reads ValueWh in place
        // and usage queries need no other index.
        reading.HasOne<ReadingTypeRow>().WithMany()
            .HasForeignKey(r => new { r.LinkId, r.ReadingTypeId })
            .HasPrincipalKey(t => new { t.LinkId, t.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RateSlotConfiguration : IEntityTypeConfiguration<RateSlot>
{
    public void Configure(EntityTypeBuilder<RateSlot> slot)
    {
        // Every read of slots is a range of TakenAt, read from this index alone: the budget's window (given back or not),
        // the traffic panel's day of sends by kind and by account, the staff chart's week by hour and kind.
        slot.HasIndex(s => new { s.TakenAt, s.Kind, s.OwnerId, s.ReturnedAt }).HasDatabaseName("IX_RateSlots_Traffic");
        // A request's own slot, restamped or returned by the dispatcher.
        slot.HasIndex(s => s.DataRequestId);
    }
}

internal sealed class BacklogSampleConfiguration : IEntityTypeConfiguration<BacklogSample>
{
    public void Configure(EntityTypeBuilder<BacklogSample> sample) => sample.HasIndex(s => s.At);
}

internal sealed class DispatcherRowConfiguration : IEntityTypeConfiguration<DispatcherRow>
{
    public void Configure(EntityTypeBuilder<DispatcherRow> dispatcher)
    {
        dispatcher.ToTable("Dispatchers");
        dispatcher.HasKey(d => d.Id);
        dispatcher.Property(d => d.Id).HasMaxLength(128);
    }
}

internal sealed class DispatchControlConfiguration : IEntityTypeConfiguration<DispatchControl>
{
    public void Configure(EntityTypeBuilder<DispatchControl> control)
    {
        control.ToTable("DispatchControl");
        control.Property(c => c.Id).ValueGeneratedNever();
        control.Property(c => c.Version).IsConcurrencyToken();
        control.Property(c => c.PauseReason).HasConversion<string>();
        control.Property(c => c.AlertReason).HasConversion<string>();
        control.HasData(new DispatchControl { Id = DispatchControl.SingletonId });
    }
}
