using System.Globalization;

namespace ReleaseBot.Cards;

/// <summary>
/// The time zone a person reads times in: the one their Teams client names (<c>localTimezone</c>, an IANA name such as
/// "America/Sao_Paulo"), else the offset of the client's <c>localTimestamp</c>, else UTC. Its <see cref="Name"/> is
/// shown with every time, so that nobody has to guess which zone a time is in.
/// </summary>
public sealed class ReaderZone
{
    /// <summary>Longer than any IANA name; a client that sends more is not believed.</summary>
    private const int MaxNameLength = 64;

    public static readonly ReaderZone Utc = new(TimeZoneInfo.Utc, "UTC");

    private readonly TimeZoneInfo zone;

    private ReaderZone(TimeZoneInfo zone, string name)
    {
        this.zone = zone;
        Name = name;
    }

    /// <summary>"America/Sao_Paulo", "UTC−03:00" or "UTC".</summary>
    public string Name { get; }

    /// <summary>The zone of a Teams activity: its <c>localTimezone</c> when this machine knows it, else the offset of its <c>localTimestamp</c>, else UTC.</summary>
    public static ReaderZone Of(string? localTimezone, DateTimeOffset? localTimestamp)
    {
        if (Known(localTimezone?.Trim()) is { } named) return named;
        if (localTimestamp is not { Offset: var offset } || offset == TimeSpan.Zero) return Utc;
        return new ReaderZone(TimeZoneInfo.CreateCustomTimeZone(OffsetName(offset), offset, OffsetName(offset), OffsetName(offset)), OffsetName(offset));
    }

    /// <summary>The zone that <see cref="Name"/> named: an IANA name this machine knows, "UTC±hh:mm", else UTC.</summary>
    public static ReaderZone Named(string? name)
    {
        if (Known(name) is { } named) return named;
        if (name is { Length: 9 } && name.StartsWith("UTC", StringComparison.Ordinal) && name[3] is '+' or '\u2212'
            && TimeSpan.TryParseExact(name[4..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset) && offset > TimeSpan.Zero && offset <= TimeSpan.FromHours(14))
            return Of(null, new DateTimeOffset(2000, 1, 1, 0, 0, 0, name[3] == '+' ? offset : -offset));
        return Utc;
    }

    /// <summary>The moment the reader's clock shows this date and time (a time the clock skips is read as after the change).</summary>
    public DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(1)) : zone.GetUtcOffset(local));
    }

    /// <summary>The moment as the reader's clock shows it.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>"UTC+05:30", "UTC−03:00" (with a minus sign).</summary>
    private static string OffsetName(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "\u2212" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static ReaderZone? Known(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
            return null;
        try
        {
            return new ReaderZone(TimeZoneInfo.FindSystemTimeZoneById(name), name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
