using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class TargetSendConfiguration : IEntityTypeConfiguration<TargetSend>
{
    public void Configure(EntityTypeBuilder<TargetSend> send)
    {
        send.ToTable("TargetSends");
        send.Property(s => s.Target).HasMaxLength(200);
        send.HasIndex(s => new { s.Target, s.AtUnixMs });
    }
}
