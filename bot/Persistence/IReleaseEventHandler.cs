using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;

namespace ReleaseBot.Persistence;

/// <summary>
/// Reacts to what happened to a release by adding rows to the same unit of work (for example outbox messages),
/// so that they are saved with the change or not at all. Runs inside <c>SaveChangesAsync</c>, before anything is written.
/// </summary>
public interface IReleaseEventHandler
{
    Task HandleAsync(ReleaseBotDb db, ReleaseRequest release, IReadOnlyList<ReleaseEvent> events, CancellationToken ct);
}
