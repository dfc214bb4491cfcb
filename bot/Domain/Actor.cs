namespace ReleaseBot.Domain;

/// <summary>The person acting, identified by the Entra (AAD) object id Teams gives, with the groups they belong to.</summary>
public sealed record Actor(string AadObjectId, string Name, IReadOnlySet<int> GroupIds)
{
    public bool IsMemberOf(int groupId) => GroupIds.Contains(groupId);
}
