using Microsoft.Bot.Builder;
using ReleaseBot.Persistence;

namespace ReleaseBot.Teams;

/// <summary>
/// Remembers, per person and conversation, the release they last saw (<see cref="Features.Turn.ReleaseInHand"/>), in the
/// bot's state on the database, so the next turn finds it on whichever instance answers.
/// </summary>
public sealed class ReleaseInHandMemory(PrivateConversationState state, ILogger<ReleaseInHandMemory> logger)
{
    private readonly IStatePropertyAccessor<string?> releaseInHand = state.CreateProperty<string?>("releaseInHand");

    public Task<string?> RecallAsync(ITurnContext context, CancellationToken ct) => releaseInHand.GetAsync(context, null, ct);

    public async Task KeepAsync(ITurnContext context, string? now, CancellationToken ct)
    {
        if (now is null || now == await RecallAsync(context, ct)) return;
        await releaseInHand.SetAsync(context, now, ct);
        try
        {
            await state.SaveChangesAsync(context, force: false, ct);
        }
        catch (StateConflictException conflict)
        {
            // Two turns of the same person in the same conversation at once: the one saved first is kept.
            logger.LogInformation("Release in hand not saved: {Reason}", conflict.Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The turn's change is saved already: a convenience that could not be kept must not undo its answer.
            logger.LogWarning(failure, "Release in hand not saved");
        }
    }
}
