using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("Outbox");
        message.Property(m => m.Target).HasMaxLength(200);
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        message.Property(m => m.LeaseOwner).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(1000);
        message.Property(m => m.ConversationId).HasMaxLength(400);
        message.Property(m => m.ReplyToId).HasMaxLength(200);
        message.Ignore(m => m.IsReply);
        message.HasIndex(m => new { m.Status, m.Target, m.Id });
    }
}
