using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ReleaseInHandRecordConfiguration : IEntityTypeConfiguration<ReleaseInHandRecord>
{
    public void Configure(EntityTypeBuilder<ReleaseInHandRecord> record)
    {
        record.ToTable("ReleasesInHand");
        record.HasKey(r => new { r.ConversationId, r.UserId });
        record.Property(r => r.ConversationId).HasMaxLength(ReleaseInHandRecord.MaxIdLength);
        record.Property(r => r.UserId).HasMaxLength(ReleaseInHandRecord.MaxIdLength);
        record.Property(r => r.ReleaseKey).HasMaxLength(20);
    }
}
