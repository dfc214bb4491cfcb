namespace ReleaseBot.Domain;

/// <summary>A solution category of an execution; categories nest (parent and children).</summary>
public sealed class SolutionCategory
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public SolutionCategory? Parent { get; set; }
    public required LocalizedText Name { get; set; }
    /// <summary>Its id in the desk's tree (the API, the desk file).</summary>
    public string Key { get; set; } = "";
    /// <summary>A retired category is offered no more; closures that chose it still show it.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public string PathIn(string language) =>
        Parent is null ? Name.In(language) : $"{Parent.PathIn(language)} › {Name.In(language)}";
}
