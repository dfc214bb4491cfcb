using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class ReleaseThreadConfiguration : IEntityTypeConfiguration<ReleaseThread>
{
    public void Configure(EntityTypeBuilder<ReleaseThread> thread)
    {
        thread.ToTable("Threads");
        thread.Property(t => t.Target).HasMaxLength(200);
        thread.HasIndex(t => new { t.Target, t.ReleaseId }).IsUnique();
    }
}
