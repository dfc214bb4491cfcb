using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class ConversationAddressConfiguration : IEntityTypeConfiguration<ConversationAddress>
{
    public void Configure(EntityTypeBuilder<ConversationAddress> address)
    {
        address.ToTable("Addresses");
        address.HasKey(a => a.Target);
        address.Property(a => a.Target).HasMaxLength(200);
        address.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        address.Property(a => a.Language).HasMaxLength(10);
    }
}
