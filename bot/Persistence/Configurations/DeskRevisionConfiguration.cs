using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Persistence.Configurations;

internal sealed class DeskRevisionConfiguration : IEntityTypeConfiguration<DeskRevision>
{
    public void Configure(EntityTypeBuilder<DeskRevision> revision)
    {
        revision.ToTable("DeskRevision");
        revision.HasKey(r => r.Id);
        revision.Property(r => r.Id).ValueGeneratedNever();
        revision.HasData(new DeskRevision { Id = DeskRevision.TheRow, Number = 0 });
    }
}
