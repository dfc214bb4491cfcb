using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class SharedSecretConfiguration : IEntityTypeConfiguration<SharedSecret>
{
    public void Configure(EntityTypeBuilder<SharedSecret> secret)
    {
        secret.ToTable("SharedSecrets");
        secret.HasKey(s => s.Purpose);
        secret.Property(s => s.Purpose).HasMaxLength(64);
        secret.Property(s => s.Value).HasMaxLength(64);
    }
}
