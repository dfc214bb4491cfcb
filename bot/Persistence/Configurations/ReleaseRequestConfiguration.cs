using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ReleaseRequestConfiguration : IEntityTypeConfiguration<ReleaseRequest>
{
    public void Configure(EntityTypeBuilder<ReleaseRequest> release)
    {
        release.ToTable("Releases");
        release.HasIndex(r => r.Key).IsUnique();
        release.Property(r => r.Key).HasMaxLength(20);
        release.Property(r => r.Title).HasMaxLength(Registration.MaxTitle);
        release.Property(r => r.RequesterEmail).HasMaxLength(Registration.MaxEmail);
        release.Property(r => r.ExternalId).HasMaxLength(Registration.MaxExternalId);
        release.HasIndex(r => r.ExternalId);
        release.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        release.Property(r => r.StatusBeforeSuspension).HasConversion<string>().HasMaxLength(20);
        release.Property(r => r.Risk).HasConversion<string>().HasMaxLength(10);
        release.Property(r => r.Impact).HasConversion<string>().HasMaxLength(10);
        release.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(10);
        release.Property(r => r.Revision).IsConcurrencyToken();
        release.Property<string>(SearchText.Column).HasMaxLength(2000);
        release.Property<long>(ReleaseBotDb.UpdatedAtColumn);
        release.HasIndex(ReleaseBotDb.UpdatedAtColumn);
        release.Ignore(r => r.CurrentTask);
        release.Ignore(r => r.LatestClosure);
        release.Ignore(r => r.Events);
        release.HasMany(r => r.Tasks).WithOne().HasForeignKey(t => t.ReleaseId);
        release.HasMany(r => r.Links).WithOne().HasForeignKey(l => l.ReleaseId);
        release.HasMany(r => r.Log).WithOne().HasForeignKey(e => e.ReleaseId).OnDelete(DeleteBehavior.Restrict);
        release.HasOne<ExecutorGroup>().WithMany().HasForeignKey(r => r.ExecutorGroupId);
        // The collections are the release's own fields: EF fills and reads them, nobody else changes them.
        release.Navigation(r => r.Tasks).HasField("tasks").UsePropertyAccessMode(PropertyAccessMode.Field);
        release.Navigation(r => r.Links).HasField("links").UsePropertyAccessMode(PropertyAccessMode.Field);
        release.Navigation(r => r.Log).HasField("log").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
