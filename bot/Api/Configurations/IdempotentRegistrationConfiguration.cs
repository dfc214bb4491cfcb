using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Api.Configurations;

internal sealed class IdempotentRegistrationConfiguration : IEntityTypeConfiguration<IdempotentRegistration>
{
    public void Configure(EntityTypeBuilder<IdempotentRegistration> registration)
    {
        registration.ToTable("IdempotentRegistrations");
        registration.Property(r => r.Client).HasMaxLength(200);
        registration.Property(r => r.Key).HasMaxLength(IdempotentRegistration.MaxKeyLength);
        registration.Property(r => r.RequestHash).HasMaxLength(32);
        registration.Property(r => r.ReleaseKey).HasMaxLength(20);
        registration.HasIndex(r => new { r.Client, r.Key }).IsUnique();
    }
}
