using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ExecutorGroupConfiguration : IEntityTypeConfiguration<ExecutorGroup>
{
    public void Configure(EntityTypeBuilder<ExecutorGroup> group)
    {
        group.ToTable("Groups");
        group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId);
    }
}
