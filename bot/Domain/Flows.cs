namespace ReleaseBot.Domain;

public static class Flows
{
    /// <summary>The flow of a release type: its own, or the default flow.</summary>
    public static ReleaseFlow For(IReadOnlyList<ReleaseFlow> flows, string releaseType) =>
        flows.FirstOrDefault(f => f.ReleaseType == releaseType) ?? flows.Single(f => f.ReleaseType == ReleaseFlow.AnyType);
}
