namespace ReleaseBot.Persistence;

/// <summary>
/// One row counting the changes to the desk's setup (flows, groups, solution categories): every save that changes
/// them counts one more in the same transaction, so an instance may keep the setup it read while the count stays.
/// </summary>
public sealed class DeskRevision
{
    public const int TheRow = 1;

    public int Id { get; set; }
    public long Number { get; set; }
}
