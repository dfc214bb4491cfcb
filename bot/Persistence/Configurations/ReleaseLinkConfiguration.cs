using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ReleaseLinkConfiguration : IEntityTypeConfiguration<ReleaseLink>
{
    public void Configure(EntityTypeBuilder<ReleaseLink> link)
    {
        link.ToTable("Links");
        link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        link.Property(l => l.Role).HasMaxLength(ReleaseRequest.MaxRoleLength);
        link.HasOne(l => l.Item).WithMany().HasForeignKey(l => l.ItemId);
        link.Ignore(l => l.Subject);
    }
}
