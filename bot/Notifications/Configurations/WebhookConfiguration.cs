using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.ToTable("Webhooks");
        webhook.Property(w => w.Url).HasMaxLength(Webhook.MaxUrlLength);
        webhook.Property(w => w.Secret).HasMaxLength(Webhook.MaxSecretLength);
        webhook.Property(w => w.CreatedBy).HasMaxLength(200);
        webhook.Ignore(w => w.Target);
    }
}
