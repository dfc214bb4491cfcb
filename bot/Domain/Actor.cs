namespace ReleaseBot.Domain;

/// <summary>
/// The person acting, identified by the Entra (AAD) object id Teams gives, with the groups they belong to;
/// <paramref name="ManagesReleases"/> when one of them is a release managers' group (the desk says which).
/// </summary>
public sealed record Actor(string AadObjectId, string Name, IReadOnlySet<int> GroupIds, bool ManagesReleases = false)
{
    /// <summary>No one in particular: whoever reads a card that was shared, who may take no action from it.</summary>
    public static Actor Anyone { get; } = new("", "", new HashSet<int>());

    public bool IsMemberOf(int groupId) => GroupIds.Contains(groupId);
}
