using System.Globalization;
using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Features.Register;

/// <summary>cards/register.json: a new release, as the API takes it; the registrant is its requester, its times are on their clock.</summary>
public static class RegistrationCard
{
    public const string Template = "register";

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyDictionary<string, string> Ids, IReadOnlyDictionary<string, int> Max,
        RegistrationForm Form, IReadOnlyList<Choice> Types, IReadOnlyList<Choice> Levels, IReadOnlyList<Choice> Urgencies,
        IReadOnlyList<Choice> Priorities, IReadOnlyList<Choice> Groups);

    public sealed record Choice(string Title, string Value);

    /// <summary>The words for each field of a registration, as the card labels it.</summary>
    public static string FieldName(Texts t, RegistrationField field) => field switch
    {
        RegistrationField.Title => t["reg.releaseTitle"],
        RegistrationField.Description => t["reg.description"],
        RegistrationField.PlannedStart => t["reg.plannedStart"],
        RegistrationField.PlannedEnd => t["reg.plannedEnd"],
        RegistrationField.Requester => t["label.requester"],
        RegistrationField.ExecutorGroup => t["label.executorGroup"],
        _ => t["label." + char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..]],
    };

    public static int MaxLength(RegistrationField field) => field switch
    {
        RegistrationField.Title => Registration.MaxTitle,
        RegistrationField.Description => Registration.MaxDescription,
        RegistrationField.Requester => Registration.MaxName,
        _ => Registration.MaxShort,
    };

    public static Card Build(CardLibrary cards, Texts t, ReaderZone zone, IReadOnlyList<string> types, IReadOnlyCollection<string> groups,
        RegistrationForm form, Notice? notice = null)
    {
        var labels = new Dictionary<string, string>(Labels.Of(t, ("title", "reg.title"), ("releaseTitle", "reg.releaseTitle"),
            ("description", "reg.description"), ("type", "label.type"), ("version", "label.version"), ("risk", "label.risk"),
            ("impact", "label.impact"), ("urgency", "label.urgency"), ("priority", "reg.priority"), ("plannedStart", "reg.plannedStart"),
            ("plannedEnd", "reg.plannedEnd"), ("time", "reg.time"), ("group", "label.executorGroup"), ("choose", "form.choose"),
            ("register", "action.register")))
        {
            ["zone"] = t.Format("reg.zone", zone.Name),
        };
        // A card shown again after a refusal keeps what was typed: new ids, so Teams shows those values.
        var ids = InputIds.Of([form.ToString()], InputIds.Title, InputIds.Description, InputIds.Type, InputIds.Version, InputIds.Risk,
            InputIds.Impact, InputIds.Urgency, InputIds.Priority, InputIds.StartDate, InputIds.StartTime, InputIds.EndDate, InputIds.EndTime, InputIds.Group);
        var max = new Dictionary<string, int>
        {
            ["title"] = Registration.MaxTitle, ["description"] = Registration.MaxDescription, ["version"] = Registration.MaxShort,
        };
        return cards.Bind(Template, new Data(labels, ids, max, form,
            [.. types.Select(type => new Choice(PlainText.Escape(type), type))],
            [.. Enum.GetValues<Level>().Select(l => new Choice(t["level." + l], l.ToString()))],
            [.. Enum.GetValues<Level>().Select(l => new Choice(t["urgency." + l], l.ToString()))],
            [.. Enumerable.Range(1, 5).Select(p => new Choice(p.ToString(CultureInfo.InvariantCulture), p.ToString(CultureInfo.InvariantCulture)))],
            [.. groups.Order(StringComparer.OrdinalIgnoreCase).Select(g => new Choice(PlainText.Escape(g), g))]), notice);
    }
}
