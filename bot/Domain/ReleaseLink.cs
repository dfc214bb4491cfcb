namespace ReleaseBot.Domain;

/// <summary>An item linked to a release; a role link also says which role the person plays. Part of its <see cref="ReleaseRequest"/>.</summary>
public sealed class ReleaseLink
{
    private ReleaseLink()
    {
    }

    internal ReleaseLink(LinkKind kind, LinkableItem item, string? role, DateTimeOffset linkedAt, string linkedBy)
    {
        Kind = kind;
        ItemId = item.Id;
        Item = item;
        Role = role;
        LinkedAt = linkedAt;
        LinkedBy = linkedBy;
    }

    /// <summary>Given by the database; settable inside the product only so that tests in memory can number links.</summary>
    public int Id { get; internal set; }
    public int ReleaseId { get; private set; }
    public LinkKind Kind { get; private set; }
    public int ItemId { get; private set; }
    public LinkableItem? Item { get; private set; }
    public string? Role { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }
    public string LinkedBy { get; private set; } = "";

    /// <summary>How the log and the cards name it: the item, and for a role the person and the role.</summary>
    public string Subject => Describe(Kind, Item!, Role);

    internal static string Describe(LinkKind kind, LinkableItem item, string? role) =>
        kind == LinkKind.Role ? $"{item.Title} — {role}" : item.Label;
}
