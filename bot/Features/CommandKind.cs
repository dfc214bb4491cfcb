namespace ReleaseBot.Features;

/// <summary>What a typed message asks for.</summary>
public enum CommandKind
{
    Help,
    Find,
    Mine,
    Open,
    Log,
    Flow,
    Subscribe,
    Unsubscribe,
    Subscriptions,
    NotifyMe,
    Register,
    Unknown,
}
