using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class ExecutionLogEntryConfiguration : IEntityTypeConfiguration<ExecutionLogEntry>
{
    public void Configure(EntityTypeBuilder<ExecutionLogEntry> entry)
    {
        entry.ToTable("ExecutionLog");
        entry.Property(e => e.Occurrence).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Situation).HasConversion<string>().HasMaxLength(20);
        entry.HasIndex(e => new { e.ReleaseId, e.Revision });
    }
}
