namespace ReleaseBot.Cards;

public enum NoticeKind
{
    Success,
    Refusal,
    Information,
}

/// <summary>The line at the top of a card that says what just happened, or why nothing did.</summary>
public sealed record Notice(NoticeKind Kind, string Text, IReadOnlyList<string>? Details = null)
{
    public object ToData() => new
    {
        text = Text,
        style = Kind switch { NoticeKind.Success => "good", NoticeKind.Refusal => "attention", _ => "accent" },
        details = (Details ?? []).Select(d => new { text = d }).ToArray(),
    };
}
