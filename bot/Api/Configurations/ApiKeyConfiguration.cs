using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Api.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        key.Property(k => k.KeyId).HasMaxLength(ApiKeys.KeyIdLength);
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.Property(k => k.Scopes).HasMaxLength(200);
        key.HasIndex(k => k.Name).IsUnique();
        key.HasIndex(k => k.KeyId).IsUnique();
    }
}
