using ReleaseBot.Domain;

namespace ReleaseBot.Api;

/// <summary>Field problems of catalog items and group members in the API's words.</summary>
public static class FieldErrors
{
    public static Dictionary<string, string[]> Describe(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(Message).Distinct().ToArray());

    private static string Message(FieldError error) => (error.Field, error.Problem) switch
    {
        (_, InputProblem.Required) => "Required.",
        (_, InputProblem.TooLong) => "Too long, or with control characters.",
        ("version", InputProblem.NotInList) => "Only definitive media have a version and a location.",
        ("email", InputProblem.NotInList) => "Only people have an e-mail and an Entra object id.",
        (_, InputProblem.InvalidIdentity) => "Not an Entra object id (a GUID) or an e-mail address.",
        (_, InputProblem.NotInList) when error.Field.EndsWith(".key", StringComparison.Ordinal) => "Given twice: each category has its own key.",
        (_, InputProblem.NotInList) when error.Field.EndsWith(".parent", StringComparison.Ordinal) => "No category of the tree has this key.",
        (_, InputProblem.OutOfRange) when error.Field.EndsWith(".parent", StringComparison.Ordinal) => "The parents go round in a circle.",
        _ => error.Problem.ToString(),
    };
}
