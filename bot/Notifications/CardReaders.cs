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
        var people = await Actors.For(db)(db, release.Id).ToListAsync(ct);
        if (release.RequesterAadId is { } requester) people.Add(requester);
        if (atApproval && release.CurrentTask is { } task)
            people.InsertRange(0, await Members.For(db)(db, task.CandidateGroupId).ToListAsync(ct));
        if (release.CurrentTask?.AssigneeAadId is { } assignee) people.Insert(0, assignee);
        var ids = await TeamsIds.For(db)(db, people).ToDictionaryAsync(u => u.AadObjectId, u => u.TeamsUserId, cancellationToken: ct);
        var readers = people.Distinct().Where(ids.ContainsKey).Select(p => ids[p]).ToList();
        if (first is not null) readers.Insert(0, first);
        return readers.Distinct().Take(MaxRefreshUsers).ToList();
    }

    // Read for every channel a change reaches: compiled once.
    private static readonly CompiledQuery<Func<ReleaseBotDb, int, IAsyncEnumerable<string>>> Actors = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, int releaseId) => db.ExecutionLog.AsNoTracking().Where(e => e.ReleaseId == releaseId).Select(e => e.ActorAadId).Distinct()));

    private static readonly CompiledQuery<Func<ReleaseBotDb, int, IAsyncEnumerable<string>>> Members = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, int groupId) => db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).Select(m => m.AadObjectId)));

    private static readonly CompiledQuery<Func<ReleaseBotDb, List<string>, IAsyncEnumerable<KnownUser>>> TeamsIds = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, List<string> people) => db.Set<KnownUser>().AsNoTracking().Where(u => people.Contains(u.AadObjectId))));
}
