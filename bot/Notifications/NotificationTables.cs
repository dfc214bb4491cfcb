using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>The tables of notifications, on the product's database; mapped in <c>Notifications/Configurations</c>.</summary>
public static class NotificationTables
{
    extension(ReleaseBotDb db)
    {
        public DbSet<OutboxMessage> Outbox => db.Set<OutboxMessage>();
        public DbSet<ConversationAddress> Addresses => db.Set<ConversationAddress>();
        public DbSet<KnownUser> KnownUsers => db.Set<KnownUser>();
        public DbSet<ChannelSubscription> Subscriptions => db.Set<ChannelSubscription>();
        public DbSet<PersonalOptIn> OptIns => db.Set<PersonalOptIn>();
        public DbSet<ReleaseThread> Threads => db.Set<ReleaseThread>();
        public DbSet<ProcessedActivity> ProcessedActivities => db.Set<ProcessedActivity>();
        public DbSet<TargetSend> TargetSends => db.Set<TargetSend>();
        public DbSet<Webhook> Webhooks => db.Set<Webhook>();
        public DbSet<SentReminder> Reminders => db.Set<SentReminder>();
    }
}
