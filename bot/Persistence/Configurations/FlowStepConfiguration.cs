using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class FlowStepConfiguration : IEntityTypeConfiguration<FlowStep>
{
    public void Configure(EntityTypeBuilder<FlowStep> step)
    {
        step.HasIndex(s => new { s.FlowId, s.Key }).IsUnique();
        step.ComplexProperty(s => s.Name);
        step.Property(s => s.StatusWhenClaimed).HasConversion<string>().HasMaxLength(20);
        step.Property(s => s.StatusWhenResolved).HasConversion<string>().HasMaxLength(20);
        step.Property(s => s.StatusWhenNotResolved).HasConversion<string>().HasMaxLength(20);
    }
}
