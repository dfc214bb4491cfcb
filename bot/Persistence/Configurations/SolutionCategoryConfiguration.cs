using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class SolutionCategoryConfiguration : IEntityTypeConfiguration<SolutionCategory>
{
    public void Configure(EntityTypeBuilder<SolutionCategory> category)
    {
        category.ToTable("SolutionCategories");
        category.ComplexProperty(c => c.Name);
        category.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId);
        category.Property(c => c.Key).HasMaxLength(CategoryEntry.MaxKey);
        category.HasIndex(c => c.Key).IsUnique();
    }
}
