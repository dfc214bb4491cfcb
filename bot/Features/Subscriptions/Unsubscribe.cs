namespace ReleaseBot.Features.Subscriptions;

/// <summary>End every subscription of the channel the card is in.</summary>
public sealed record Unsubscribe
{
    public const string Verb = "unsubscribe";

    public static Unsubscribe From(CardActionData data) => new();
}
