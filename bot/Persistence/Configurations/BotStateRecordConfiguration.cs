using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class BotStateRecordConfiguration : IEntityTypeConfiguration<BotStateRecord>
{
    public void Configure(EntityTypeBuilder<BotStateRecord> record)
    {
        record.ToTable("BotState");
        record.HasKey(r => r.Key);
        record.Property(r => r.Key).HasMaxLength(BotStateRecord.MaxKeyLength);
        record.Property(r => r.ETag).HasMaxLength(40).IsConcurrencyToken();
    }
}
