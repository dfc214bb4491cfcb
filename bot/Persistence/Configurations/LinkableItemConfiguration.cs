using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class LinkableItemConfiguration : IEntityTypeConfiguration<LinkableItem>
{
    public void Configure(EntityTypeBuilder<LinkableItem> item)
    {
        item.ToTable("Catalog");
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        item.HasIndex(i => new { i.Kind, i.Code }).IsUnique();
        item.Ignore(i => i.Label);
        item.Property(i => i.Email).HasMaxLength(Registration.MaxEmail);
        item.Property(i => i.AadObjectId).HasMaxLength(100);
        item.Property<string>(SearchText.Column).HasMaxLength(500);
    }
}
