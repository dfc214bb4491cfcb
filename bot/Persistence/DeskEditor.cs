using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// Changes how the desk is set up (catalog items, executor groups, solution categories), for the API and the desk
/// file alike. Each method takes entries its caller validated, and saves them at once; nothing that a release refers
/// to is ever deleted, only retired.
/// </summary>
public sealed class DeskEditor(ReleaseBotDb db, TimeProvider clock)
{
    /// <summary>Creates or updates a catalog item (bringing it back if it was retired); true when it was created.</summary>
    public async Task<(LinkableItem Item, bool Created)> PutItemAsync(CatalogEntry entry, CancellationToken ct = default)
    {
        var code = entry.Code!.Trim();
        var existing = await db.Catalog.FirstOrDefaultAsync(i => i.Kind == entry.Kind && i.Code == code, ct);
        var item = entry.ApplyTo(existing);
        if (existing is null) db.Catalog.Add(item);
        await db.SaveChangesAsync(ct);
        return (item, existing is null);
    }

    /// <summary>Retires a catalog item; false when there is none with that code.</summary>
    public async Task<bool> RetireItemAsync(CatalogKind kind, string code, CancellationToken ct = default)
    {
        var item = await db.Catalog.FirstOrDefaultAsync(i => i.Kind == kind && i.Code == code.Trim(), ct);
        if (item is null) return false;
        item.RetiredAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Creates a group or replaces its members (those left out leave it). Names match whatever their case, so that
    /// "release engineers" is the Release Engineers group. True when the group was created.
    /// </summary>
    /// <summary>Creates a group or replaces its members; <paramref name="managesReleases"/> null keeps its role as it is.</summary>
    public async Task<(ExecutorGroup Group, bool Created)> PutGroupAsync(string name, IReadOnlyList<MemberEntry> entries, bool? managesReleases = null,
        CancellationToken ct = default)
    {
        var members = entries.Select(m => m.ToMember()).DistinctBy(m => m.AadObjectId).ToList();
        var group = (await db.Groups.Include(g => g.Members).ToListAsync(ct)).FirstOrDefault(g => string.Equals(g.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        var created = group is null;
        if (group is null) db.Groups.Add(group = new ExecutorGroup { Name = name.Trim() });
        if (managesReleases is { } role) group.ManagesReleases = role;
        foreach (var gone in group.Members.Where(m => members.All(n => n.AadObjectId != m.AadObjectId)).ToList()) group.Members.Remove(gone);
        foreach (var member in members)
        {
            if (group.Members.FirstOrDefault(m => m.AadObjectId == member.AadObjectId) is { } kept)
            {
                kept.Name = member.Name;
                kept.Email = member.Email;
            }
            else group.Members.Add(member);
        }
        await db.SaveChangesAsync(ct);
        return (group, created);
    }

    /// <summary>
    /// Makes the solution categories the given tree: categories are matched by key, new ones added, the ones left out
    /// deleted, or retired when a closure or the log refers to them. One transaction.
    /// </summary>
    public async Task<IReadOnlyList<SolutionCategory>> ReplaceCategoriesAsync(IReadOnlyList<CategoryEntry> tree, CancellationToken ct = default)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var existing = await db.SolutionCategories.ToListAsync(ct);
        var byKey = new Dictionary<string, SolutionCategory>();
        foreach (var entry in tree)
        {
            var key = entry.Key!.Trim();
            var category = existing.FirstOrDefault(c => c.Key == key);
            if (category is null) db.SolutionCategories.Add(category = new SolutionCategory { Key = key, Name = new LocalizedText("", "") });
            category.Name = new LocalizedText(entry.En!.Trim(), entry.PtBr!.Trim());
            category.RetiredAt = null;
            byKey[key] = category;
        }
        foreach (var entry in tree) byKey[entry.Key!.Trim()].Parent = entry.Parent?.Trim() is { Length: > 0 } parent ? byKey[parent] : null;

        var leftOut = existing.Where(c => !byKey.ContainsKey(c.Key)).ToList();
        var leftOutIds = leftOut.Select(c => c.Id).ToList();
        var used = (await db.Tasks.Where(t => t.SolutionCategoryId != null && leftOutIds.Contains(t.SolutionCategoryId.Value)).Select(t => t.SolutionCategoryId!.Value).ToListAsync(ct))
            .Concat(await db.ExecutionLog.Where(e => e.SolutionCategoryId != null && leftOutIds.Contains(e.SolutionCategoryId.Value)).Select(e => e.SolutionCategoryId!.Value).ToListAsync(ct))
            .ToHashSet();
        // A retired category keeps its place under its parents, so that old closures still read their path: they stay too.
        var kept = leftOut.Where(c => used.Contains(c.Id)).ToHashSet();
        for (var more = kept.ToList(); more.Count > 0;)
            more = [.. more.Select(c => leftOut.FirstOrDefault(p => p.Id == c.ParentId)).OfType<SolutionCategory>().Where(kept.Add)];
        var now = clock.GetUtcNow();
        foreach (var category in leftOut)
        {
            if (kept.Contains(category)) category.RetiredAt ??= now;
            else db.SolutionCategories.Remove(category);
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return [.. byKey.Values];
    }

    /// <summary>
    /// Makes the definition the flow that new releases of the type start on: a new version, unless it is the same as the
    /// current one (then nothing changes). Releases under way keep the version they started on. True when it changed.
    /// </summary>
    public async Task<(ReleaseFlow Flow, bool Changed)> PutFlowAsync(string releaseType, FlowDefinition definition, CancellationToken ct = default)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.LockAsync(FlowLock, ct);
        var types = await db.Flows.Select(f => f.ReleaseType).Distinct().ToListAsync(ct);
        var type = types.FirstOrDefault(t => string.Equals(t, releaseType.Trim(), StringComparison.OrdinalIgnoreCase)) ?? releaseType.Trim();
        var versions = await db.Flows.Include(f => f.Steps).Where(f => f.ReleaseType == type).ToListAsync(ct);
        var current = versions.Where(f => f.SupersededAt is null).MaxBy(f => f.Version);
        var groups = await db.Groups.AsNoTracking().ToListAsync(ct);
        if (current is not null && FlowDefinition.Of(current, groups.ToDictionary(g => g.Id, g => g.Name)).SameAs(definition)) return (current, false);

        var flow = definition.ToFlow(type, groups.ToDictionary(g => g.Name, g => g.Id, StringComparer.OrdinalIgnoreCase), (versions.Max(f => (int?)f.Version) ?? 0) + 1);
        if (current is not null) current.SupersededAt = clock.GetUtcNow();
        db.Flows.Add(flow);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (flow, true);
    }

    private const long FlowLock = 0x52454C_0004; // "REL" 4
}
