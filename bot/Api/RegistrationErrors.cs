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
        (_, InputProblem.Required) => "Required.",
        (RegistrationField.Title, InputProblem.TooLong) => $"At most {Registration.MaxTitle} characters, without control characters.",
        (RegistrationField.Description, InputProblem.TooLong) => $"At most {Registration.MaxDescription} characters, without control characters.",
        (RegistrationField.ExternalId, InputProblem.TooLong) => $"At most {Registration.MaxExternalId} characters.",
        (RegistrationField.Requester or RegistrationField.ExecutorGroup, InputProblem.TooLong) => $"At most {Registration.MaxName} characters.",
        (_, InputProblem.TooLong) => $"At most {Registration.MaxShort} characters.",
        (RegistrationField.Type, InputProblem.NotInList) => "Not a release type of the desk: a type with a flow of its own, or one that releases already have.",
        (RegistrationField.ExecutorGroup, InputProblem.NotInList) => "No executor group has that name.",
        (_, InputProblem.NotInList) => "One of Low, Medium, High.",
        (RegistrationField.Priority, InputProblem.OutOfRange) => "From 1 (highest) to 5 (lowest).",
        (_, InputProblem.NeedsOffset) => "An ISO 8601 date and time with its offset, e.g. 2026-12-03T22:00:00-03:00 or 2026-12-04T01:00:00Z.",
        (_, InputProblem.EndNotAfterStart) => "Must be after plannedStart.",
        (_, InputProblem.NeedsIdentity) => "Give the requester's aadObjectId or email.",
        (_, InputProblem.InvalidIdentity) => "aadObjectId must be an Entra object id (a GUID) and email an e-mail address.",
        _ => error.Problem.ToString(),
    };
}
