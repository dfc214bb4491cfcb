using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ReleaseTaskConfiguration : IEntityTypeConfiguration<ReleaseTask>
{
    public void Configure(EntityTypeBuilder<ReleaseTask> task)
    {
        task.ToTable("Tasks");
        task.Property(t => t.StepKey).HasMaxLength(40);
        task.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(20);
        task.Property(t => t.Situation).HasConversion<string>().HasMaxLength(20);
        task.Property(t => t.ExecutionInformation).HasMaxLength(ClosureForm.MaxExecutionInformation);
        task.HasOne<SolutionCategory>().WithMany().HasForeignKey(t => t.SolutionCategoryId);
        task.Ignore(t => t.HasClosure);
        task.Ignore(t => t.IsOpen);
        task.Ignore(t => t.IsAssigned);
    }
}
