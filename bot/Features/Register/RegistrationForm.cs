using System.Globalization;
using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Register;

/// <summary>
/// The registration card as typed: kept to show it again when something is missing, and read as a
/// <see cref="Domain.Registration"/> (the API's rules) with the registrant as the requester and times in their zone.
/// </summary>
public sealed record RegistrationForm(string Title, string Description, string Type, string Version, string Risk, string Impact, string Urgency,
    string Priority, string StartDate, string StartTime, string EndDate, string EndTime, string Group)
{
    public static readonly RegistrationForm New = new("", "", "", "", nameof(Level.Medium), nameof(Level.Medium), nameof(Level.Medium), "3", "", "", "", "", "");

    public static RegistrationForm From(CardActionData data)
    {
        string Read(string name) => data.Input(name)?.Trim() ?? "";
        return new(Read(InputIds.Title), data.Input(InputIds.Description) ?? "", Read(InputIds.Type), Read(InputIds.Version), Read(InputIds.Risk),
            Read(InputIds.Impact), Read(InputIds.Urgency), Read(InputIds.Priority), Read(InputIds.StartDate), Read(InputIds.StartTime),
            Read(InputIds.EndDate), Read(InputIds.EndTime), Read(InputIds.Group));
    }

    public Registration ToRegistration(Actor registrant, ReaderZone zone) => new(
        Title, Description, Type, Version, Risk, Impact, Urgency,
        int.TryParse(Priority, NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) ? priority : null,
        Moment(StartDate, StartTime, zone), Moment(EndDate, EndTime, zone),
        registrant.Name, registrant.AadObjectId, null, Group);

    /// <summary>A date and a time on the reader's clock as ISO 8601 with its offset; blank when both are; as typed when either is not one.</summary>
    private static string? Moment(string date, string time, ReaderZone zone)
    {
        if (date.Length == 0 && time.Length == 0) return null;
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
            ? zone.AtLocal(day, clock).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : $"{date} {time}";
    }
}
