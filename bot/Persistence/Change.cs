using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;

namespace ReleaseBot.Persistence;

/// <summary>The outcome of a change: the release as it now is (if it exists), what happened to it, and why it was refused, if it was.</summary>
public sealed record Change(ReleaseRequest? Release, Refusal? Refusal, IReadOnlyList<ReleaseEvent> Events)
{
    public bool Applied => Refusal is null;
}
