namespace ReleaseBot.Cards;

/// <summary>The line at the top of a card that says what just happened, or why nothing did.</summary>
public sealed record Notice(NoticeKind Kind, string Text, IReadOnlyList<string>? Details = null)
{
    /// <summary>The data of cards/notice.json.</summary>
    public sealed record Data(string Text, string Style, IReadOnlyList<Detail> Details);

    public sealed record Detail(string Text);

    public Data ToData() => new(
        Text,
        Kind switch { NoticeKind.Success => "good", NoticeKind.Refusal => "attention", _ => "accent" },
        (Details ?? []).Select(d => new Detail(d)).ToList());
}
