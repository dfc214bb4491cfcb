using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Teams;

/// <summary>
/// Remembers, per person and conversation, the release they last saw (<see cref="Features.Turn.ReleaseInHand"/>), in the
/// database, so the next turn finds it on whichever instance answers. Read with the turn's own database context; written
/// only when it changed, the last writer winning.
/// </summary>
public sealed class ReleaseInHandMemory(ReleaseBotDb db, TimeProvider clock, ILogger<ReleaseInHandMemory> logger)
{
    private string? recalled;

    public async Task<string?> RecallAsync(ITurnContext context, CancellationToken ct)
    {
        if (Place(context) is not var (conversation, user)) return null;
        return recalled = await Recall.For(db)(db, conversation, user, ct);
    }

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, string, CancellationToken, Task<string?>>> Recall = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string conversation, string user, CancellationToken ct) =>
            db.ReleasesInHand.AsNoTracking().Where(r => r.ConversationId == conversation && r.UserId == user).Select(r => r.ReleaseKey).FirstOrDefault()));

    public async Task KeepAsync(ITurnContext context, string? now, CancellationToken ct)
    {
        if (now is null || now == recalled || Place(context) is not var (conversation, user)) return;
        try
        {
            var at = clock.GetUtcNow();
            // Both engines speak this SQL.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReleasesInHand" ("ConversationId", "UserId", "ReleaseKey", "UpdatedAt") VALUES ({conversation}, {user}, {now}, {at})
                ON CONFLICT ("ConversationId", "UserId") DO UPDATE SET "ReleaseKey" = excluded."ReleaseKey", "UpdatedAt" = excluded."UpdatedAt"
                """, ct);
            recalled = now;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The turn's change is saved already: a convenience that could not be kept must not undo its answer.
            logger.LogWarning(failure, "Release in hand not saved");
        }
    }

    private static (string Conversation, string User)? Place(ITurnContext context) =>
        context.Activity is { Conversation.Id: { Length: > 0 and <= ReleaseInHandRecord.MaxIdLength } conversation, From.Id: { Length: > 0 and <= ReleaseInHandRecord.MaxIdLength } user }
            ? (conversation, user)
            : null;
}
