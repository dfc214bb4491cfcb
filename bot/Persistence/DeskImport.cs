using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ReleaseBot.Persistence;

/// <summary>
/// Reads and writes the desk file: <see cref="ImportAsync"/> validates the whole file first and applies it in one
/// transaction (groups, flows, categories, catalogs); importing the same file again changes nothing.
/// </summary>
public sealed class DeskImport(ReleaseBotDb db, DeskEditor editor)
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
    private static readonly ISerializer Writer = new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections).Build();

    /// <summary>The file's problems (nothing applied), or none (all applied).</summary>
    public async Task<IReadOnlyList<string>> ImportAsync(string yaml, CancellationToken ct = default)
    {
        DeskFile file;
        try
        {
            file = Reader.Deserialize<DeskFile?>(yaml) ?? new DeskFile();
        }
        catch (YamlException e)
        {
            return [$"line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}"];
        }
        var errors = file.Validate(await db.Groups.AsNoTracking().Select(g => g.Name).ToListAsync(ct));
        if (errors.Count > 0) return [.. errors.Select(e => $"{e.Field}: {Describe(e.Problem)}")];

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // Instances starting together with the same file take turns: the second finds nothing left to change.
        await db.LockAsync(ImportLock, ct);
        foreach (var (name, members, managesReleases) in file.GroupEntries()) await editor.PutGroupAsync(name, members, managesReleases, ct);
        foreach (var (type, definition) in file.FlowEntries()) await editor.PutFlowAsync(type, definition, ct);
        if (file.SolutionCategories is not null) await editor.ReplaceCategoriesAsync(file.CategoryEntries(), ct);
        foreach (var item in file.CatalogEntries()) await editor.PutItemAsync(item, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return [];
    }

    private const long ImportLock = 0x52454C_0005; // "REL" 5

    /// <summary>The desk as it is, in the same format: current flows, active categories and items, every group.</summary>
    public async Task<string> ExportAsync(CancellationToken ct = default)
    {
        var groups = await db.Groups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Id).ToListAsync(ct);
        var groupNames = groups.ToDictionary(g => g.Id, g => g.Name);
        var flows = await db.Flows.AsNoTracking().Include(f => f.Steps).Where(f => f.SupersededAt == null).OrderBy(f => f.Id).ToListAsync(ct);
        var categories = await db.SolutionCategories.AsNoTracking().Include(c => c.Parent).Where(c => c.RetiredAt == null).OrderBy(c => c.Id).ToListAsync(ct);
        var items = await db.Catalog.AsNoTracking().Where(i => i.RetiredAt == null).OrderBy(i => i.Id).ToListAsync(ct);
        var file = new DeskFile
        {
            Groups = [.. groups.Select(g => new DeskFile.GroupPart
            {
                Name = g.Name,
                ManagesReleases = g.ManagesReleases,
                Members = [.. g.Members.OrderBy(m => m.Id).Select(m => new DeskFile.MemberPart { AadObjectId = m.AadObjectId, Name = m.Name, Email = m.Email })],
            })],
            Flows = [.. flows.Select(f => new DeskFile.FlowPart
            {
                ReleaseType = f.ReleaseType,
                Steps = [.. FlowDefinition.Of(f, groupNames).Steps.Select(s => new DeskFile.StepPart
                {
                    Key = s!.Key, En = s.En, PtBr = s.PtBr, Group = s.Group, Next = s.Next, NextWhenNotResolved = s.NextWhenNotResolved,
                    StatusWhenResolved = s.StatusWhenResolved, StatusWhenNotResolved = s.StatusWhenNotResolved, StatusWhenClaimed = s.StatusWhenClaimed, Approval = s.Approval,
                })],
            })],
            SolutionCategories = [.. categories.Select(c => new DeskFile.CategoryPart { Key = c.Key, En = c.Name.En, PtBr = c.Name.PtBr, Parent = c.Parent?.Key })],
            Catalog = new DeskFile.CatalogPart
            {
                Problems = Parts(items, CatalogKind.Problem),
                Knowledge = Parts(items, CatalogKind.Knowledge),
                Media = Parts(items, CatalogKind.DefinitiveMedia),
                People = Parts(items, CatalogKind.Person),
            },
        };
        return Writer.Serialize(file);
    }

    private static List<DeskFile.ItemPart> Parts(IEnumerable<LinkableItem> items, CatalogKind kind) => [.. items.Where(i => i.Kind == kind).Select(i => new DeskFile.ItemPart
    {
        ExternalId = i.Code, Title = i.Title, Version = i.Version, Location = i.Location, Email = i.Email, AadObjectId = i.AadObjectId,
    })];

    private static string Describe(InputProblem problem) => problem switch
    {
        InputProblem.Required => "required",
        InputProblem.TooLong => "too long, or with control characters",
        InputProblem.NotInList => "not one of the allowed values, not found, or given twice",
        InputProblem.OutOfRange => "out of range, unreachable, or going round in a circle",
        InputProblem.EndNotAfterStart => "nothing ends the flow",
        InputProblem.InvalidIdentity => "not an Entra object id or an e-mail address",
        _ => problem.ToString(),
    };
}
