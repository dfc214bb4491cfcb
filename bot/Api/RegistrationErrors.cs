using ReleaseBot.Domain;

namespace ReleaseBot.Api;

/// <summary>A registration's problems in the API's words, per JSON field.</summary>
public static class RegistrationErrors
{
    public static Dictionary<string, string[]> Describe(IEnumerable<RegistrationError> errors, IReadOnlyDictionary<string, string[]> more)
    {
        var described = errors.GroupBy(e => FieldName(e.Field))
            .ToDictionary(g => g.Key, g => g.Select(e => Message(e)).Distinct().ToArray());
        foreach (var (field, messages) in more) described[field] = messages;
        return described;
    }

    public static string FieldName(RegistrationField field) => field switch
    {
        RegistrationField.Requester => "requester",
        _ => char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..],
    };

    private static string Message(RegistrationError error) => (error.Field, error.Problem) switch
    {
        (_, RegistrationProblem.Required) => "Required.",
        (RegistrationField.Title, RegistrationProblem.TooLong) => $"At most {Registration.MaxTitle} characters, without control characters.",
        (RegistrationField.Description, RegistrationProblem.TooLong) => $"At most {Registration.MaxDescription} characters, without control characters.",
        (RegistrationField.ExternalId, RegistrationProblem.TooLong) => $"At most {Registration.MaxExternalId} characters.",
        (RegistrationField.Requester or RegistrationField.ExecutorGroup, RegistrationProblem.TooLong) => $"At most {Registration.MaxName} characters.",
        (_, RegistrationProblem.TooLong) => $"At most {Registration.MaxShort} characters.",
        (RegistrationField.Type, RegistrationProblem.NotInList) => "Not a release type of the desk: a type with a flow of its own, or one that releases already have.",
        (RegistrationField.ExecutorGroup, RegistrationProblem.NotInList) => "No executor group has that name.",
        (_, RegistrationProblem.NotInList) => "One of Low, Medium, High.",
        (RegistrationField.Priority, RegistrationProblem.OutOfRange) => "From 1 (highest) to 5 (lowest).",
        (_, RegistrationProblem.NeedsOffset) => "An ISO 8601 date and time with its offset, e.g. 2026-12-03T22:00:00-03:00 or 2026-12-04T01:00:00Z.",
        (_, RegistrationProblem.EndNotAfterStart) => "Must be after plannedStart.",
        (_, RegistrationProblem.NeedsIdentity) => "Give the requester's aadObjectId or email.",
        (_, RegistrationProblem.InvalidIdentity) => "aadObjectId must be an Entra object id (a GUID) and email an e-mail address.",
        _ => error.Problem.ToString(),
    };
}
