using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>One page of a release's execution log, newest first.</summary>
public sealed record LogPage(IReadOnlyList<ExecutionLogEntry> Entries, int Page, int PageCount);
