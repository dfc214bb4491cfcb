namespace ReleaseBot.Notifications;

/// <summary>The kinds of Teams conversation the bot writes to.</summary>
public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}
