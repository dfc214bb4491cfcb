using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReleaseBot.Notifications.Configurations;

internal sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> reminder)
    {
        reminder.ToTable("Reminders");
        reminder.HasKey(r => r.Id);
        reminder.HasIndex(r => new { r.ReleaseId, r.Kind, r.ForMs }).IsUnique();
    }
}
