using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>One page of a list of releases.</summary>
public sealed record ReleasePage(IReadOnlyList<ReleaseRequest> Releases, int Page, int PageCount);
