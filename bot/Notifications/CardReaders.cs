using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Who a shared release card (in a channel, or put in a chat from the compose box) refreshes for, each into their own
/// view with the actions they may take: the Teams user ids of the people in the release's story, within Teams' limit.
/// </summary>
public sealed class CardReaders(ReleaseBotDb db)
{
    /// <summary>Teams refreshes a card automatically for at most this many users.</summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>
    /// <paramref name="first"/> (e.g. who shares the card), then the current assignee, or at an approval the members of its
    /// group, who decide from the card; then whoever acted on the release, and its requester. People the bot has never
    /// met have no Teams user id yet, and are left out.
    /// </summary>
    public async Task<IReadOnlyList<string>> OfAsync(ReleaseRequest release, bool atApproval, string? first, CancellationToken ct)
    {
        var people = await db.ExecutionLog.AsNoTracking().Where(e => e.ReleaseId == release.Id).Select(e => e.ActorAadId).Distinct().ToListAsync(ct);
        if (release.RequesterAadId is { } requester) people.Add(requester);
        if (atApproval && release.CurrentTask is { } task)
            people.InsertRange(0, await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == task.CandidateGroupId).Select(m => m.AadObjectId).ToListAsync(ct));
        if (release.CurrentTask?.AssigneeAadId is { } assignee) people.Insert(0, assignee);
        var ids = await db.KnownUsers.AsNoTracking().Where(u => people.Contains(u.AadObjectId)).ToDictionaryAsync(u => u.AadObjectId, u => u.TeamsUserId, ct);
        var readers = people.Distinct().Where(ids.ContainsKey).Select(p => ids[p]).ToList();
        if (first is not null) readers.Insert(0, first);
        return readers.Distinct().Take(MaxRefreshUsers).ToList();
    }
}
