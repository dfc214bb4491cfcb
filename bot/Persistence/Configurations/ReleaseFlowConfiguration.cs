using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ReleaseFlowConfiguration : IEntityTypeConfiguration<ReleaseFlow>
{
    public void Configure(EntityTypeBuilder<ReleaseFlow> flow)
    {
        flow.ToTable("Flows");
        flow.HasIndex(f => new { f.ReleaseType, f.Version }).IsUnique();
        flow.Ignore(f => f.Ordered);
        flow.Ignore(f => f.First);
        flow.HasMany(f => f.Steps).WithOne().HasForeignKey(s => s.FlowId);
    }
}
