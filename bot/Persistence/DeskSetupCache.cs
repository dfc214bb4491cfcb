namespace ReleaseBot.Persistence;

/// <summary>
/// The desk's setup as this instance last read it, with the <see cref="DeskRevision"/> it was read at. Each turn
/// still asks the database for the revision, so a change made anywhere is seen from the next turn on.
/// </summary>
public sealed class DeskSetupCache
{
    private (long Revision, DeskSetup Setup)? kept;

    public async Task<DeskSetup> GetAsync(Func<CancellationToken, Task<long>> revision, Func<CancellationToken, Task<DeskSetup>> read, CancellationToken ct)
    {
        // The revision first: a setup read after it is at least that new.
        var now = await revision(ct);
        if (kept is { } k && k.Revision == now) return k.Setup;
        var setup = await read(ct);
        if (kept is not { } current || current.Revision <= now) kept = (now, setup);
        return setup;
    }
}
