using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Data;

/// <summary>One item of the bot's state (a conversation's or a person's) as JSON, with the ETag of its last write.</summary>
public sealed class BotStateRecord
{
    public const int MaxKeyLength = 500;

    public required string Key { get; set; }
    public required string Document { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The item was written by another turn since it was read: this write was not applied.</summary>
public sealed class StateConflictException(string key)
    : Exception($"The bot state '{key}' was changed by another turn since it was read; this change was not saved.")
{
    public string Key { get; } = key;
}

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> on the product's database, so that conversation and user state
/// outlive a process and every instance sees the same. Writes are optimistic: an item that carries the ETag it
/// was read with (<see cref="IStoreItem.ETag"/>, or the "eTag" entry that <see cref="BotState"/> keeps) is written
/// only if nobody wrote it since, else <see cref="StateConflictException"/>; no ETag, or "*", writes regardless.
/// </summary>
public sealed class DatabaseStorage(IServiceScopeFactory scopes, TimeProvider clock) : IStorage
{
    public const string ETagEntry = "eTag";

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        var records = await db.BotState.AsNoTracking().Where(r => keys.Contains(r.Key)).ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.Key, r =>
        {
            var document = JObject.Parse(r.Document);
            document[ETagEntry] = r.ETag;
            return (object)document;
        });
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        var keys = changes.Keys.ToArray();
        var stored = await db.BotState.Where(r => keys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, cancellationToken);
        var written = new List<(object Value, string ETag)>();
        foreach (var (key, value) in changes)
        {
            if (key.Length > BotStateRecord.MaxKeyLength) throw new ArgumentException($"A state key has at most {BotStateRecord.MaxKeyLength} characters.", nameof(changes));
            var (document, expected) = Document(value);
            var record = stored.GetValueOrDefault(key);
            if (expected is not null && expected != record?.ETag) throw new StateConflictException(key);
            var etag = Guid.NewGuid().ToString("N");
            if (record is null)
                db.BotState.Add(record = new BotStateRecord { Key = key, Document = document, ETag = etag });
            record.Document = document;
            record.ETag = etag;
            record.UpdatedAt = clock.GetUtcNow();
            written.Add((value, etag));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException failure) // an update found another ETag than the one it read
        {
            throw new StateConflictException(failure.Entries.Select(e => ((BotStateRecord)e.Entity).Key).FirstOrDefault() ?? keys[0]);
        }
        catch (DbUpdateException) // perhaps an insert found the key written by another turn meanwhile
        {
            var inserted = keys.Except(stored.Keys).ToArray();
            var taken = await db.BotState.AsNoTracking().Where(r => inserted.Contains(r.Key)).Select(r => r.Key).FirstOrDefaultAsync(CancellationToken.None);
            if (taken is null) throw;
            throw new StateConflictException(taken);
        }
        // What was written now carries its new ETag, so the same turn may write it again.
        foreach (var (value, etag) in written) Remember(value, etag);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        await db.BotState.Where(r => keys.Contains(r.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The item as stored (without its ETag) and the ETag it expects to replace, if any.</summary>
    private static (string Document, string? ExpectedETag) Document(object value)
    {
        var document = JObject.FromObject(value, Serializer);
        var etag = value is IStoreItem item ? item.ETag : document[ETagEntry]?.Type == JTokenType.String ? (string?)document[ETagEntry] : null;
        document.Remove(ETagEntry);
        if (value is IStoreItem) document.Remove(nameof(IStoreItem.ETag));
        return (document.ToString(Formatting.None), etag is { Length: > 0 } and not "*" ? etag : null);
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
