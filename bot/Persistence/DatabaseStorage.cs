using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Persistence;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> on the product's database, so that conversation and user state
/// outlive a process and every instance sees the same. Writes are optimistic: an item that carries the ETag it
/// was read with (<see cref="IStoreItem.ETag"/>, or the "eTag" entry that <see cref="BotState"/> keeps) is written
/// only if nobody wrote it since, else <see cref="StateConflictException"/>; no ETag, or "*", writes regardless.
/// </summary>
public sealed class DatabaseStorage(IServiceScopeFactory scopes, TimeProvider clock) : IStorage
{
    public const string ETagEntry = "eTag";

    private const int UnconditionalAttempts = 3;

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        var records = keys is [var only]
            ? await db.BotState.AsNoTracking().Where(r => r.Key == only).ToListAsync(cancellationToken)
            : await db.BotState.AsNoTracking().Where(r => keys.Contains(r.Key)).ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.Key, r =>
        {
            var document = JToken.Parse(r.Document);
            if (document is JObject item) item[ETagEntry] = r.ETag;
            return (object)document;
        });
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        if (changes.Keys.FirstOrDefault(k => k.Length > BotStateRecord.MaxKeyLength) is not null)
            throw new ArgumentException($"A state key has at most {BotStateRecord.MaxKeyLength} characters.", nameof(changes));
        var items = changes.ToDictionary(c => c.Key, c => Document(c.Value));
        for (var attempt = 1; ; attempt++)
        {
            // An item written with no ETag, or "*", meets another write only by chance: it is tried again.
            var conflict = await TryWriteAsync(items, cancellationToken);
            if (conflict is null) break;
            if (items[conflict].ExpectedETag is not null || attempt == UnconditionalAttempts) throw new StateConflictException(conflict);
        }
        // What was written now carries its new ETag, so the same turn may write it again.
        foreach (var (key, value) in changes) Remember(value, items[key].NewETag);
    }

    /// <summary>Writes every item in one transaction, or none; returns the key of an item that another write changed meanwhile.</summary>
    private async Task<string?> TryWriteAsync(Dictionary<string, Item> items, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        var keys = items.Keys.ToArray();
        var stored = await db.BotState.Where(r => keys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, ct);
        foreach (var (key, item) in items)
        {
            var record = stored.GetValueOrDefault(key);
            if (item.ExpectedETag is not null && item.ExpectedETag != record?.ETag) return key;
            if (record is null)
                db.BotState.Add(record = new BotStateRecord { Key = key, Document = item.Document, ETag = item.NewETag });
            record.Document = item.Document;
            record.ETag = item.NewETag;
            record.UpdatedAt = clock.GetUtcNow();
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException failure) // an update found another ETag than the one it read
        {
            return failure.Entries.Select(e => ((BotStateRecord)e.Entity).Key).FirstOrDefault() ?? keys[0];
        }
        catch (DbUpdateException failure) // perhaps an insert found the key written by another turn meanwhile
        {
            var inserted = keys.Except(stored.Keys).ToArray();
            var taken = await db.BotState.AsNoTracking().Where(r => inserted.Contains(r.Key)).Select(r => r.Key).FirstOrDefaultAsync(CancellationToken.None);
            if (taken is null) ExceptionDispatchInfo.Throw(failure);
            return taken;
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        await db.BotState.Where(r => keys.Contains(r.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>An item as stored (without its ETag), the ETag it expects to replace, if any, and the one it gets.</summary>
    private sealed record Item(string Document, string? ExpectedETag, string NewETag);

    private static Item Document(object value)
    {
        var document = JToken.FromObject(value, Serializer);
        string? etag = null;
        if (document is JObject item)
        {
            etag = value is IStoreItem storeItem ? storeItem.ETag : item[ETagEntry]?.Type == JTokenType.String ? (string?)item[ETagEntry] : null;
            item.Remove(ETagEntry);
            if (value is IStoreItem) item.Remove(nameof(IStoreItem.ETag));
        }
        return new Item(document.ToString(Formatting.None), etag is { Length: > 0 } and not "*" ? etag : null, Guid.NewGuid().ToString("N"));
    }

    private static void Remember(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item: item.ETag = etag; break;
            case IDictionary<string, object> entries: entries[ETagEntry] = etag; break;
            case JObject document: document[ETagEntry] = etag; break;
        }
    }

    // No type names in stored JSON: state is read back as plain JSON, never as types the document names.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
    });
}
