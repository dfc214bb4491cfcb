using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class ChannelSubscriptionConfiguration : IEntityTypeConfiguration<ChannelSubscription>
{
    public void Configure(EntityTypeBuilder<ChannelSubscription> subscription)
    {
        subscription.ToTable("Subscriptions");
        subscription.Property(s => s.Target).HasMaxLength(200);
        subscription.Property(s => s.Language).HasMaxLength(10);
        subscription.HasIndex(s => s.Target);
    }
}
