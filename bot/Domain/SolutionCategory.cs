namespace ReleaseBot.Domain;

/// <summary>A solution category of an execution; categories nest (parent and children).</summary>
public sealed class SolutionCategory
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public SolutionCategory? Parent { get; set; }
    public required LocalizedText Name { get; set; }

    public string PathIn(string language) =>
        Parent is null ? Name.In(language) : $"{Parent.PathIn(language)} › {Name.In(language)}";
}
