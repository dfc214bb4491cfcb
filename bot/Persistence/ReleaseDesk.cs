using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// Where the domain meets the database: reads releases, and runs each change as one transaction (the change,
/// its log entry and whatever its events cause), refusing a change made on a stale revision.
/// </summary>
public sealed class ReleaseDesk(ReleaseBotDb db, TimeProvider clock, DeskSetupCache? setups = null)
{
    public const int ReleasesPerPage = 6;
    public const int LogEntriesPerPage = 8;
    public const int CatalogMatches = 6;

    public async Task<Actor> ActorAsync(string aadObjectId, string name, CancellationToken ct = default) =>
        (await SetupAsync(ct)).ActorOf(aadObjectId, name);

    public Task<DeskSetup> SetupAsync(CancellationToken ct = default) =>
        setups is null ? ReadSetupAsync(ct) : setups.GetAsync(db.DeskRevisionAsync, ReadSetupAsync, ct);

    private async Task<DeskSetup> ReadSetupAsync(CancellationToken ct)
    {
        var groups = await db.Groups.AsNoTracking().Select(g => new { g.Id, g.Name, g.ManagesReleases }).ToListAsync(ct);
        var members = await db.GroupMembers.AsNoTracking().Select(m => new { m.AadObjectId, m.GroupId }).ToListAsync(ct);
        return new(
            await db.Flows.AsNoTracking().Include(f => f.Steps).ToListAsync(ct),
            groups.ToDictionary(g => g.Id, g => g.Name),
            await db.SolutionCategories.AsNoTracking().Include(c => c.Parent).OrderBy(c => c.ParentId ?? c.Id).ThenBy(c => c.Id).ToListAsync(ct))
        {
            Memberships = members.GroupBy(m => m.AadObjectId).ToDictionary(m => m.Key, m => (IReadOnlySet<int>)m.Select(g => g.GroupId).ToHashSet()),
            ManagerGroups = groups.Where(g => g.ManagesReleases).Select(g => g.Id).ToHashSet(),
        };
    }

    /// <summary>The release as its card shows it: its links, its open task and the finished ones its rules look back on (see <see cref="WithRecentTasks"/>).</summary>
    public Task<ReleaseRequest?> FindAsync(string key, CancellationToken ct = default) => Find.For(db)(db, key.ToUpperInvariant(), ct);

    /// <summary>The release with every task it ever had, for what shows its history: the flow, the API's view, the release page.</summary>
    public Task<ReleaseRequest?> FindWithHistoryAsync(string key, CancellationToken ct = default) => FindWithHistory.For(db)(db, key.ToUpperInvariant(), ct);

    /// <summary>The release whole, as <see cref="Full"/> reads it.</summary>
    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<ReleaseRequest?>>> FindWithHistory = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string key, CancellationToken ct) => db.Releases.AsNoTracking()
            .Include(r => r.Tasks).Include(r => r.Links).ThenInclude(l => l.Item).AsSplitQuery()
            .FirstOrDefault(r => r.Key == key)));

    public Task<ReleasePage> SearchAsync(string? text, int page, CancellationToken ct = default) => PageAsync(Matching(text), page, ct);

    /// <summary>Releases whose current task is assigned to the actor or waits for one of the actor's groups.</summary>
    public Task<ReleasePage> MineAsync(Actor actor, int page, CancellationToken ct = default) => PageAsync(WaitingFor(actor), page, ct);

    /// <summary><paramref name="count"/> releases after the first <paramref name="skip"/> of those "find" lists, whole.</summary>
    public Task<List<ReleaseRequest>> SearchAsync(string? text, int skip, int count, CancellationToken ct = default) =>
        Full(InListOrder(Matching(text)).Skip(skip).Take(count)).ToListAsync(ct);

    /// <summary><paramref name="count"/> releases after the first <paramref name="skip"/> of those "mine" lists, whole.</summary>
    public Task<List<ReleaseRequest>> MineAsync(Actor actor, int skip, int count, CancellationToken ct = default) =>
        Full(InListOrder(WaitingFor(actor)).Skip(skip).Take(count)).ToListAsync(ct);

    private IQueryable<ReleaseRequest> Matching(string? text)
    {
        var query = db.Releases.AsNoTracking();
        if (string.IsNullOrWhiteSpace(text)) return query;
        var needle = SearchText.Normalize(text);
        return query.Where(r => EF.Property<string>(r, SearchText.Column).Contains(needle));
    }

    private IQueryable<ReleaseRequest> WaitingFor(Actor actor)
    {
        var groups = actor.GroupIds.ToList();
        return db.Releases.AsNoTracking().Where(r => r.Tasks.Any(t => t.FinishedAt == null &&
            (t.AssigneeAadId == actor.AadObjectId || (t.AssigneeAadId == null && groups.Contains(t.CandidateGroupId)))));
    }

    private static IQueryable<ReleaseRequest> InListOrder(IQueryable<ReleaseRequest> query) => query.OrderBy(r => r.Priority).ThenBy(r => r.Key);

    private async Task<ReleasePage> PageAsync(IQueryable<ReleaseRequest> query, int page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + ReleasesPerPage - 1) / ReleasesPerPage);
        page = Math.Clamp(page, 1, pageCount);
        var releases = await InListOrder(query)
            .Skip((page - 1) * ReleasesPerPage).Take(ReleasesPerPage)
            .Include(r => r.Tasks.Where(t => t.FinishedAt == null)).AsSplitQuery().ToListAsync(ct);
        return new ReleasePage(releases, page, pageCount);
    }

    public async Task<LogPage> LogAsync(int releaseId, int page, CancellationToken ct = default)
    {
        var entries = db.ExecutionLog.AsNoTracking().Where(e => e.ReleaseId == releaseId);
        var total = await entries.CountAsync(ct);
        var pageCount = Math.Max(1, (total + LogEntriesPerPage - 1) / LogEntriesPerPage);
        page = Math.Clamp(page, 1, pageCount);
        var list = await entries.OrderByDescending(e => e.Revision).Skip((page - 1) * LogEntriesPerPage).Take(LogEntriesPerPage).ToListAsync(ct);
        return new LogPage(list, page, pageCount);
    }

    /// <summary>The newest <paramref name="count"/> entries of the release's execution log, newest first.</summary>
    public async Task<IReadOnlyList<ExecutionLogEntry>> NewestLogAsync(int releaseId, int count, CancellationToken ct = default) =>
        await db.ExecutionLog.AsNoTracking().Where(e => e.ReleaseId == releaseId).OrderByDescending(e => e.Revision).Take(count).ToListAsync(ct);

    public async Task<IReadOnlyList<string>> ReleaseTypesAsync(CancellationToken ct = default) =>
        await db.Releases.AsNoTracking().Select(r => r.Type).Distinct().OrderBy(t => t).ToListAsync(ct);

    public async Task<IReadOnlyList<LinkableItem>> PeopleAsync(CancellationToken ct = default) =>
        await db.Catalog.AsNoTracking().Where(i => i.Kind == CatalogKind.Person && i.RetiredAt == null).OrderBy(i => i.Title).ToListAsync(ct);

    /// <summary>
    /// Up to <see cref="CatalogMatches"/> items of a catalog that match the text, leaving out <paramref name="except"/>
    /// (what is linked already); and whether one of those matched.
    /// </summary>
    public async Task<CatalogResults> SearchCatalogAsync(CatalogKind kind, string? text, IReadOnlyCollection<int> except, CancellationToken ct = default)
    {
        var query = db.Catalog.AsNoTracking().Where(i => i.Kind == kind && i.RetiredAt == null);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = SearchText.Normalize(text);
            query = query.Where(i => EF.Property<string>(i, SearchText.Column).Contains(needle));
        }
        var found = await query.OrderBy(i => i.Code).Take(CatalogMatches + except.Count).ToListAsync(ct);
        var items = found.Where(i => !except.Contains(i.Id)).Take(CatalogMatches).ToList();
        return new CatalogResults(items, found.Any(i => except.Contains(i.Id)));
    }

    /// <summary>Claims the current task; <paramref name="setup"/> is the turn's, read here when the caller has none.</summary>
    public async Task<Change> ClaimAsync(string key, Actor actor, int seenRevision, DeskSetup? setup = null, CancellationToken ct = default)
    {
        setup ??= await SetupAsync(ct);
        return await ChangeAsync(key, (release, now) => Task.FromResult(release.Claim(actor, seenRevision, setup.FlowOf(release), now)), ct);
    }

    /// <summary>Saves the closing area, and advances the flow when asked; <paramref name="setup"/> as for <see cref="ClaimAsync"/>.</summary>
    public async Task<Change> SaveAsync(string key, Actor actor, int seenRevision, ClosureForm form, bool advance, DeskSetup? setup = null, CancellationToken ct = default)
    {
        setup ??= await SetupAsync(ct);
        return await ChangeAsync(key, (release, now) => Task.FromResult(advance
            ? release.SaveAndAdvance(actor, seenRevision, form, setup.FlowOf(release), setup.ActiveCategories, now)
            : release.SaveAndKeep(actor, seenRevision, form, setup.FlowOf(release), setup.ActiveCategories, now)), ct);
    }

    public Task<Change> LinkAsync(string key, Actor actor, int seenRevision, LinkKind kind, int itemId, string? role, CancellationToken ct = default) =>
        ChangeAsync(key, async (release, now) =>
        {
            var item = await db.Catalog.FirstOrDefaultAsync(i => i.Id == itemId && i.RetiredAt == null, ct);
            return release.Link(actor, seenRevision, kind, item, role, now);
        }, ct);

    public Task<Change> UnlinkAsync(string key, Actor actor, int seenRevision, int linkId, CancellationToken ct = default) =>
        ChangeAsync(key, (release, now) => Task.FromResult(release.Unlink(actor, seenRevision, linkId, now)), ct);

    /// <summary>The release types a registration may name: those with a flow of their own, and those releases already use.</summary>
    public async Task<IReadOnlyList<string>> RegistrableTypesAsync(CancellationToken ct = default)
    {
        var flowTypes = await db.Flows.AsNoTracking().Where(f => f.ReleaseType != ReleaseFlow.AnyType).Select(f => f.ReleaseType).ToListAsync(ct);
        return [.. flowTypes.Union(await ReleaseTypesAsync(ct), StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<IReadOnlyDictionary<string, int>> GroupIdsByNameAsync(CancellationToken ct = default) =>
        (await db.Groups.AsNoTracking().Select(g => new { g.Id, g.Name }).ToListAsync(ct))
            .ToDictionary(g => g.Name, g => g.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Registers a validated release under the next key (REL-1001, REL-1002, …) and starts its flow, in one
    /// transaction (the caller's, when it has one): the release, its first log entry and its notifications.
    /// Registrations take turns for the key, also across instances.
    /// </summary>
    public async Task<ReleaseRequest> RegisterAsync(ReleaseDetails details, Actor registrant, IReadOnlyList<LinkableItem> items, CancellationToken ct = default)
    {
        var setup = await SetupAsync(ct);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.LockAsync(RegistrationLock, ct);
        var last = await db.Releases.OrderByDescending(r => r.Id).Select(r => r.Key).FirstOrDefaultAsync(ct);
        var number = last is not null && last.StartsWith(ReleaseKey.Prefix, StringComparison.Ordinal) && int.TryParse(last[ReleaseKey.Prefix.Length..], out var n) ? n + 1 : FirstNumber;
        var release = ReleaseRequest.Register(ReleaseKey.Prefix + number, details, setup.FlowFor(details.Type), registrant, clock.GetUtcNow(), items);
        db.Catalog.AttachRange(items.DistinctBy(i => i.Id));
        db.Releases.Add(release);
        // The first save gives the release its id; the second hands its events, which need that id, to their handlers.
        await db.SaveChangesAsync(ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return release;
    }

    /// <summary>Held by a registration until its transaction ends (see <see cref="ReleaseBotDb.LockAsync"/>).</summary>
    public const long RegistrationLock = 0x52454C_0003; // "REL" 3
    private const int FirstNumber = 1001;

    /// <summary>Adds a note to the execution log (see <see cref="ReleaseRequest.AddNote"/>).</summary>
    public Task<Change> AddNoteAsync(string key, Actor author, string? text, string? url, CancellationToken ct = default) =>
        ChangeAsync(key, (release, now) => Task.FromResult(release.AddNote(author, text, url, now)), ct);

    /// <summary>The members of a group, by name.</summary>
    public async Task<IReadOnlyList<GroupMember>> MembersAsync(int groupId, CancellationToken ct = default) =>
        await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).OrderBy(m => m.Name).ToListAsync(ct);

    public Task<Change> SuspendAsync(string key, Actor actor, int seenRevision, string? reason, CancellationToken ct = default) =>
        ChangeAsync(key, (release, now) => Task.FromResult(release.Suspend(actor, seenRevision, reason, now)), ct);

    public Task<Change> ResumeAsync(string key, Actor actor, int seenRevision, CancellationToken ct = default) =>
        ChangeAsync(key, (release, now) => Task.FromResult(release.Resume(actor, seenRevision, now)), ct);

    public Task<Change> CancelAsync(string key, Actor actor, int seenRevision, string? reason, CancellationToken ct = default) =>
        ChangeAsync(key, (release, now) => Task.FromResult(release.Cancel(actor, seenRevision, reason, now)), ct);

    public async Task<Change> ReopenAsync(string key, Actor actor, int seenRevision, string? stepKey, string? reason, DeskSetup? setup = null,
        CancellationToken ct = default)
    {
        setup ??= await SetupAsync(ct);
        return await ChangeAsync(key, (release, now) => Task.FromResult(release.Reopen(actor, seenRevision, stepKey, reason, setup.FlowOf(release), now)), ct);
    }

    /// <summary>Hands the current task to the person with <paramref name="toAadObjectId"/>, as the desk knows them (their groups).</summary>
    public Task<Change> HandOverAsync(string key, Actor actor, int seenRevision, string toAadObjectId, CancellationToken ct = default) =>
        ChangeAsync(key, async (release, now) =>
        {
            var name = await db.GroupMembers.Where(m => m.AadObjectId == toAadObjectId).Select(m => m.Name).FirstOrDefaultAsync(ct);
            return release.HandOver(actor, seenRevision, await ActorAsync(toAadObjectId, name ?? toAadObjectId, ct), now);
        }, ct);

    /// <summary>Approves or rejects the current task, an approval step (see <see cref="ReleaseRequest.Decide"/>).</summary>
    public async Task<Change> DecideAsync(string key, Actor actor, int seenRevision, bool approve, string? comment, DeskSetup? setup = null,
        CancellationToken ct = default)
    {
        setup ??= await SetupAsync(ct);
        return await ChangeAsync(key, (release, now) => Task.FromResult(release.Decide(actor, seenRevision, approve, comment, setup.FlowOf(release), now)), ct);
    }

    public Task<Change> GiveBackAsync(string key, Actor actor, int seenRevision, CancellationToken ct = default) =>
        ChangeAsync(key, (release, now) => Task.FromResult(release.GiveBack(actor, seenRevision, now)), ct);

    /// <summary>
    /// Runs one domain change and saves it in one transaction. When another instance saved the release first,
    /// the change is tried again on the fresh release, where the domain refuses it (the revision moved on: the card
    /// is out of date, and the release returned shows, e.g., who holds the task now) or, for the same person's claim
    /// arriving twice, says that the task is already theirs.
    /// </summary>
    private async Task<Change> ChangeAsync(string key, Func<ReleaseRequest, DateTimeOffset, Task<Refusal?>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var release = await FindToChange.For(db)(db, key.ToUpperInvariant(), ct);
            if (release is null) return new Change(null, new Refusal(RefusalReason.ReleaseNotFound), []);
            if (release.Links.Count > 0) await Items.For(db)(db, [.. release.Links.Select(l => l.ItemId).Distinct()]).ToListAsync(ct);
            if (await change(release, clock.GetUtcNow()) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return new Change(release, refusal, []);
            }
            var events = release.Events.ToList();
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return new Change(release, null, events);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }
    }

    private static IQueryable<ReleaseRequest> Full(IQueryable<ReleaseRequest> releases) => releases
        .Include(r => r.Tasks)
        .Include(r => r.Links).ThenInclude(l => l.Item)
        .AsSplitQuery();

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<ReleaseRequest?>>> Find = WithRecentTasks(toChange: false);
    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<ReleaseRequest?>>> FindToChange = WithRecentTasks(toChange: true);

    /// <summary>
    /// The release with its links and, of its tasks, the open one and the finished ones the rules look back on
    /// (<see cref="ReleaseRequest.LatestClosure"/>, the last task of an ended flow). Finished tasks are history no change
    /// touches and no card shows, so a change or a card costs the same on a release's hundredth task as on its first.
    /// Tasks run one at a time, so the last finished is the last created. <paramref name="toChange"/>: tracked, and in one
    /// statement, so one snapshot: split queries could read the release before another instance's change and its task
    /// after it, and refuse for the wrong reason. Its links come without their catalog items, which the change reads
    /// next (<see cref="Items"/>): an item is no part of the release's snapshot, and SQLite, unable to flatten the links'
    /// join with the catalog on the right of a LEFT JOIN, would read every link of every release to find this one's.
    /// </summary>
    private static CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<ReleaseRequest?>>> WithRecentTasks(bool toChange)
    {
        var links = toChange ? nameof(ReleaseRequest.Links) : $"{nameof(ReleaseRequest.Links)}.{nameof(ReleaseLink.Item)}";
        return new(() => EF.CompileAsyncQuery(
            (ReleaseBotDb db, string key, CancellationToken ct) => (toChange ? db.Releases.AsTracking().AsSingleQuery() : db.Releases.AsNoTracking().AsSplitQuery())
                .Include(links)
                .Include(r => r.Tasks.Where(t => t.FinishedAt == null
                    || t.Id == db.Tasks.Where(f => f.ReleaseId == t.ReleaseId && f.FinishedAt != null).Max(f => (int?)f.Id)
                    || t.Id == db.Tasks.Where(f => f.ReleaseId == t.ReleaseId && f.FinishedAt != null && f.Situation != null).Max(f => (int?)f.Id)))
                .FirstOrDefault(r => r.Key == key)));
    }

    /// <summary>Catalog items by id, tracked: each link of a release tracked in the same context gets its item.</summary>
    private static readonly CompiledQuery<Func<ReleaseBotDb, List<int>, IAsyncEnumerable<LinkableItem>>> Items = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, List<int> ids) => db.Catalog.Where(i => ids.Contains(i.Id))));
}
