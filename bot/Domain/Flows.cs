namespace ReleaseBot.Domain;

public static class Flows
{
    /// <summary>The flow a new release of a type starts on: the current version of its own, or of the default flow.</summary>
    public static ReleaseFlow For(IReadOnlyList<ReleaseFlow> flows, string releaseType) =>
        Current(flows, releaseType) ?? Current(flows, ReleaseFlow.AnyType)
        ?? throw new InvalidOperationException($"The desk has no flow for '{releaseType}' and no default flow.");

    /// <summary>The flow a release follows: the version it started on, whatever came since.</summary>
    public static ReleaseFlow Of(IReadOnlyList<ReleaseFlow> flows, ReleaseRequest release) =>
        release.FlowId is { } id && flows.FirstOrDefault(f => f.Id == id) is { } started ? started : For(flows, release.Type);

    private static ReleaseFlow? Current(IReadOnlyList<ReleaseFlow> flows, string releaseType) =>
        flows.Where(f => f.ReleaseType == releaseType && f.SupersededAt is null).MaxBy(f => f.Version);
}
