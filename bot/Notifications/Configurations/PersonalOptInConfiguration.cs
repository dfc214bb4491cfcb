using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class PersonalOptInConfiguration : IEntityTypeConfiguration<PersonalOptIn>
{
    public void Configure(EntityTypeBuilder<PersonalOptIn> optIn)
    {
        optIn.ToTable("OptIns");
        optIn.HasKey(o => o.AadObjectId);
    }
}
