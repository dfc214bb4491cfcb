using System.Globalization;
using System.Text.RegularExpressions;

namespace ReleaseBot.Domain;

/// <summary>
/// A release as someone asks to register it, as entered: the one place that decides whether it may be registered.
/// The API and the registration card both validate here. Times are ISO 8601 with their offset, so that nobody's
/// "22:00" is read in another zone.
/// </summary>
public sealed partial record Registration(
    string? Title,
    string? Description,
    string? Type,
    string? Version,
    string? Risk,
    string? Impact,
    string? Urgency,
    int? Priority,
    string? PlannedStart,
    string? PlannedEnd,
    string? RequesterName,
    string? RequesterAadObjectId,
    string? RequesterEmail,
    string? ExecutorGroup,
    string? ExternalId = null)
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 4000;
    public const int MaxShort = 50;
    public const int MaxName = 200;
    public const int MaxEmail = 254;
    public const int MaxExternalId = 200;

    /// <summary>
    /// The release's details, or every problem found. <paramref name="releaseTypes"/> are the desk's types;
    /// <paramref name="groupIds"/> finds a group by its name, ignoring case.
    /// </summary>
    public (ReleaseDetails? Details, IReadOnlyList<RegistrationError> Errors) Validate(IReadOnlyCollection<string> releaseTypes, IReadOnlyDictionary<string, int> groupIds)
    {
        var errors = new List<RegistrationError>();
        void Fail(RegistrationField field, InputProblem problem) => errors.Add(new(field, problem));

        var title = Text(Title, MaxTitle, RegistrationField.Title, required: true, Fail);
        var description = Text(Description, MaxDescription, RegistrationField.Description, required: false, Fail);
        var version = Text(Version, MaxShort, RegistrationField.Version, required: true, Fail);
        var type = Text(Type, MaxShort, RegistrationField.Type, required: true, Fail);
        var knownType = type is null ? null : releaseTypes.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));
        if (type is not null && knownType is null) Fail(RegistrationField.Type, InputProblem.NotInList);
        var risk = LevelOf(Risk, RegistrationField.Risk, Fail);
        var impact = LevelOf(Impact, RegistrationField.Impact, Fail);
        var urgency = LevelOf(Urgency, RegistrationField.Urgency, Fail);
        if (Priority is null) Fail(RegistrationField.Priority, InputProblem.Required);
        else if (Priority is < 1 or > 5) Fail(RegistrationField.Priority, InputProblem.OutOfRange);
        var start = TimeOf(PlannedStart, RegistrationField.PlannedStart, Fail);
        var end = TimeOf(PlannedEnd, RegistrationField.PlannedEnd, Fail);
        if (start is not null && end is not null && end <= start) Fail(RegistrationField.PlannedEnd, InputProblem.EndNotAfterStart);

        var requester = Text(RequesterName, MaxName, RegistrationField.Requester, required: true, Fail);
        var aad = string.IsNullOrWhiteSpace(RequesterAadObjectId) ? null : RequesterAadObjectId.Trim();
        var email = string.IsNullOrWhiteSpace(RequesterEmail) ? null : RequesterEmail.Trim();
        if (aad is null && email is null) Fail(RegistrationField.Requester, InputProblem.NeedsIdentity);
        if ((aad is not null && !Input.IsEntraObjectId(aad)) || (email is not null && (email.Length > MaxEmail || !Input.IsEmail(email))))
            Fail(RegistrationField.Requester, InputProblem.InvalidIdentity);

        var groupName = Text(ExecutorGroup, MaxName, RegistrationField.ExecutorGroup, required: true, Fail);
        var groupId = groupName is not null && groupIds.TryGetValue(groupName, out var id) ? id : (int?)null;
        if (groupName is not null && groupId is null) Fail(RegistrationField.ExecutorGroup, InputProblem.NotInList);
        var externalId = Text(ExternalId, MaxExternalId, RegistrationField.ExternalId, required: false, Fail);

        if (errors.Count > 0) return (null, errors);
        return (new ReleaseDetails(title!, description ?? "", knownType!, version!, risk!.Value, impact!.Value, urgency!.Value, Priority!.Value,
            start!.Value, end!.Value, requester!, aad?.ToLowerInvariant(), groupId!.Value, email, externalId), errors);
    }

    private static string? Text(string? value, int max, RegistrationField field, bool required, Action<RegistrationField, InputProblem> fail)
    {
        var text = Input.Text(value, max, required, out var problem);
        if (problem is { } p) fail(field, p);
        return text;
    }

    private static Level? LevelOf(string? value, RegistrationField field, Action<RegistrationField, InputProblem> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(field, InputProblem.Required);
            return null;
        }
        if (Enum.GetNames<Level>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name) return Enum.Parse<Level>(name);
        fail(field, InputProblem.NotInList);
        return null;
    }

    private static DateTimeOffset? TimeOf(string? value, RegistrationField field, Action<RegistrationField, InputProblem> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(field, InputProblem.Required);
            return null;
        }
        var text = value.Trim();
        if (!IsoWithOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            fail(field, InputProblem.NeedsOffset);
            return null;
        }
        return time.ToUniversalTime();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();
}
