namespace ReleaseBot.Cards;

/// <summary>What a notice says: something was done, something was refused, or just information.</summary>
public enum NoticeKind
{
    Success,
    Refusal,
    Information,
}
