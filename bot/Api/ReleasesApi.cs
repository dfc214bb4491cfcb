using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>
/// <c>/api/v1/releases</c>: register a release (idempotent with <c>Idempotency-Key</c>), read one, a page of them, or
/// its execution log, and add notes to the log. Bad input is answered with a problem naming each field, and changes nothing.
/// </summary>
public static class ReleasesApi
{
    public const string Root = "/api/v1/releases";
    public const int MaxPageSize = 100;
    private const string IdempotencyHeader = "Idempotency-Key";

    public static string PathOf(string key) => $"{Root}/{key}";

    private const string RegistrationExample = """
        {
          "title": "Checkout service 4.2.0", "description": "Moves the checkout to the new payment gateway.", "type": "Standard",
          "version": "4.2.0", "risk": "Medium", "impact": "High", "urgency": "Low", "priority": 2,
          "plannedStart": "2026-12-03T22:00:00-03:00", "plannedEnd": "2026-12-04T02:00:00-03:00",
          "requester": { "name": "Adele Vance", "email": "adele@contoso.example" }, "executorGroup": "Release Engineers",
          "externalId": "CHG0012345", "links": [ { "kind": "problems", "externalId": "PRB-2001" } ]
        }
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var releases = api.MapGroup("/releases").WithTags("Releases");
        releases.MapPost("", RegisterAsync).RequireScope(ApiScope.ReleasesWrite, "Register a release and start its flow").WithExample(RegistrationExample);
        releases.MapGet("", ListAsync).RequireScope(ApiScope.ReleasesRead, "A page of releases");
        releases.MapGet("/{key}", GetAsync).RequireScope(ApiScope.ReleasesRead, "A release: status, current task, closure, links, flow");
        releases.MapGet("/{key}/log", LogAsync).RequireScope(ApiScope.ReleasesRead, "The execution log of a release");
        releases.MapPost("/{key}/notes", AddNoteAsync).RequireScope(ApiScope.ReleasesWrite, "Add a note to the execution log")
            .WithExample("""{ "text": "Smoke tests failed on eu-west", "url": "https://ci.example.com/runs/77" }""");
    }

    private static async Task<IResult> RegisterAsync(RegisterReleaseBody? body, HttpRequest request, ClaimsPrincipal caller, ReleaseBotDb db, ReleaseDesk desk,
        TimeProvider clock, CancellationToken ct)
    {
        if (body is null) return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["Send the release as a JSON object."] });
        var idempotencyKey = request.Headers[IdempotencyHeader].ToString().Trim();
        if (idempotencyKey.Length > IdempotentRegistration.MaxKeyLength)
            return Problems.Invalid(new Dictionary<string, string[]> { [IdempotencyHeader] = [$"At most {IdempotentRegistration.MaxKeyLength} characters."] });

        var (details, errors) = body.ToRegistration().Validate(await desk.RegistrableTypesAsync(ct), await desk.GroupIdsByNameAsync(ct));
        var (items, linkErrors) = await LinkedItemsAsync(db, body.Links, ct);
        if (details is null || linkErrors.Count > 0) return Problems.Invalid(RegistrationErrors.Describe(errors, linkErrors));

        var client = Caller.NameOf(caller);
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Under the registration lock, a retry with the same key finds the first registration, even one a moment old.
        await db.LockAsync(ReleaseDesk.RegistrationLock, ct);
        if (idempotencyKey.Length > 0 && await db.IdempotentRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.Client == client && r.Key == idempotencyKey, ct) is { } earlier)
        {
            if (!CryptographicOperations.FixedTimeEquals(earlier.RequestHash, hash))
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                    $"The {IdempotencyHeader} '{idempotencyKey}' registered {earlier.ReleaseKey} with another body; use a new key for a new release.");
            return await CreatedAsync(desk, earlier.ReleaseKey, ct);
        }
        var release = await desk.RegisterAsync(details, Caller.ActorOf(caller), items, ct);
        if (idempotencyKey.Length > 0)
        {
            db.IdempotentRegistrations.Add(new IdempotentRegistration { Client = client, Key = idempotencyKey, RequestHash = hash, ReleaseKey = release.Key, CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return await CreatedAsync(desk, release.Key, ct);
    }

    private static async Task<IResult> CreatedAsync(ReleaseDesk desk, string key, CancellationToken ct)
    {
        var release = await desk.FindWithHistoryAsync(key, ct) ?? throw new InvalidOperationException($"{key} was registered but cannot be read.");
        return Results.Created(PathOf(release.Key), ReleaseView.Of(release, await desk.SetupAsync(ct)));
    }

    /// <summary>The catalog items named by the links, or what is wrong with each link (by its position).</summary>
    private static async Task<(IReadOnlyList<LinkableItem> Items, Dictionary<string, string[]> Errors)> LinkedItemsAsync(ReleaseBotDb db, IReadOnlyList<LinkBody>? links,
        CancellationToken ct)
    {
        var items = new List<LinkableItem>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < (links?.Count ?? 0); i++)
        {
            var link = links![i];
            if (CatalogKinds.FromRoute(link?.Kind) is not { } kind || kind == CatalogKind.Person)
                errors[$"links[{i}].kind"] = ["One of problems, knowledge, media (people are linked with their roles by the executors)."];
            else if (string.IsNullOrWhiteSpace(link!.ExternalId))
                errors[$"links[{i}].externalId"] = ["Required: the item's id in its catalog."];
            else if (await db.Catalog.AsNoTracking().FirstOrDefaultAsync(c => c.Kind == kind && c.Code == link.ExternalId.Trim() && c.RetiredAt == null, ct) is { } item)
                items.Add(item);
            else
                errors[$"links[{i}].externalId"] = [$"No {CatalogKinds.RouteOf(kind)} item has the id '{link.ExternalId.Trim()}'."];
        }
        return (items, errors);
    }

    /// <summary>
    /// The release; with <c>waitForChangeSeconds</c> (at most 60), a gate's long poll: the answer waits until the release's
    /// revision differs from <c>revision</c> (by default, the one it has now), or the time is up.
    /// </summary>
    private static async Task<IResult> GetAsync(string key, int? waitForChangeSeconds, int? revision, ReleaseBotDb db, ReleaseDesk desk, TimeProvider clock,
        CancellationToken ct)
    {
        if (waitForChangeSeconds is < 1 or > MaxWaitSeconds)
            return Problems.Invalid(new Dictionary<string, string[]> { ["waitForChangeSeconds"] = [$"From 1 to {MaxWaitSeconds}."] });
        if (!ReleaseKey.TryParse(key, out var canonical)) return Problems.NotFound(key);
        if (waitForChangeSeconds is { } seconds)
        {
            var until = clock.GetUtcNow().AddSeconds(seconds);
            var seen = revision ?? await RevisionAsync(db, canonical, ct);
            while (seen is not null && await RevisionAsync(db, canonical, ct) == seen && clock.GetUtcNow() < until)
                await Task.Delay(PollEvery, clock, ct);
        }
        return await desk.FindWithHistoryAsync(canonical, ct) is { } release ? Results.Ok(ReleaseView.Of(release, await desk.SetupAsync(ct))) : Problems.NotFound(key);
    }

    public const int MaxWaitSeconds = 60;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    private static Task<int?> RevisionAsync(ReleaseBotDb db, string key, CancellationToken ct) =>
        db.Releases.AsNoTracking().Where(r => r.Key == key).Select(r => (int?)r.Revision).FirstOrDefaultAsync(ct);

    private static async Task<IResult> ListAsync(ReleaseBotDb db, ReleaseDesk desk, string? status, string? group, string? type, string? updatedSince,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = db.Releases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(updatedSince))
        {
            if (DateTimeOffset.TryParse(updatedSince, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var since)
                && updatedSince.Contains('T') && (updatedSince.EndsWith('Z') || updatedSince.LastIndexOfAny(['+', '-']) > updatedSince.IndexOf('T')))
            {
                var sinceMs = since.ToUnixTimeMilliseconds();
                query = query.Where(r => EF.Property<long>(r, ReleaseBotDb.UpdatedAtColumn) >= sinceMs);
            }
            else errors["updatedSince"] = ["An ISO 8601 date and time with its offset, e.g. 2026-12-03T22:00:00Z."];
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = Enum.GetValues<ReleaseStatus>().Where(s => ReleaseView.StatusCode(s).Equals(status.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (wanted.Count == 0) errors["status"] = [$"One of {string.Join(", ", Enum.GetValues<ReleaseStatus>().Select(ReleaseView.StatusCode))}."];
            query = query.Where(r => wanted.Contains(r.Status));
        }
        if (!string.IsNullOrWhiteSpace(group))
        {
            if ((await desk.GroupIdsByNameAsync(ct)).TryGetValue(group.Trim(), out var groupId)) query = query.Where(r => r.ExecutorGroupId == groupId);
            else errors["group"] = [$"No executor group is named '{group.Trim()}'."];
        }
        if (!string.IsNullOrWhiteSpace(type)) query = query.Where(r => r.Type == type.Trim());
        var size = pageSize ?? 20;
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"From 1 to {MaxPageSize}."];
        if (page is < 1) errors["page"] = ["From 1."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var number = page ?? 1;
        var total = await query.CountAsync(ct);
        var found = await query.OrderBy(r => r.Id).Skip((number - 1) * size).Take(size)
            .Include(r => r.Tasks).Include(r => r.Links).ThenInclude(l => l.Item).AsSplitQuery().ToListAsync(ct);
        var setup = await desk.SetupAsync(ct);
        return Results.Ok(new ReleaseList([.. found.Select(r => ReleaseView.Of(r, setup))], number, size, total));
    }

    private static async Task<IResult> LogAsync(string key, ReleaseBotDb db, ReleaseDesk desk, CancellationToken ct)
    {
        if (!ReleaseKey.TryParse(key, out var canonical) || await db.Releases.AsNoTracking().Where(r => r.Key == canonical).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct) is not { } id)
            return Problems.NotFound(key);
        var entries = await db.ExecutionLog.AsNoTracking().Where(e => e.ReleaseId == id).OrderBy(e => e.Revision).ToListAsync(ct);
        var setup = await desk.SetupAsync(ct);
        return Results.Ok(entries.Select(e => LogEntryView.Of(e, setup)).ToList());
    }

    private static async Task<IResult> AddNoteAsync(string key, NoteBody? body, ClaimsPrincipal caller, ReleaseDesk desk, CancellationToken ct)
    {
        if (!ReleaseKey.TryParse(key, out var canonical)) return Problems.NotFound(key);
        var change = await desk.AddNoteAsync(canonical, Caller.ActorOf(caller), body?.Text, body?.Url, ct);
        return change.Refusal?.Reason switch
        {
            null => Results.Created($"{PathOf(canonical)}/log", LogEntryView.Of(change.Release!.Log[^1], await desk.SetupAsync(ct))),
            RefusalReason.ReleaseNotFound => Problems.NotFound(key),
            _ => Problems.Invalid(new Dictionary<string, string[]>
            {
                ["text"] = [$"Required, at most {ReleaseRequest.MaxNoteLength} characters."],
                ["url"] = [$"Optional: an absolute http(s) address of at most {ReleaseRequest.MaxUrlLength} characters."],
            }),
        };
    }
}

/// <summary>A page of releases.</summary>
public sealed record ReleaseList(IReadOnlyList<ReleaseView> Items, int Page, int PageSize, int Total);
