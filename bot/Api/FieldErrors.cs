using ReleaseBot.Domain;

namespace ReleaseBot.Api;

/// <summary>Field problems of what the API takes (catalog items, group members, category trees, flows) in its words.</summary>
public static class FieldErrors
{
    public static Dictionary<string, string[]> Describe(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(Message).Distinct().ToArray());

    private static string Message(FieldError error) => (error.Field, error.Problem) switch
    {
        ("steps", InputProblem.Required) => "No first step: give at least one step.",
        ("steps", InputProblem.TooLong) => $"At most {FlowDefinition.MaxSteps} steps.",
        ("steps", InputProblem.EndNotAfterStart) => "No end: at least one step must end the flow when resolved (no next).",
        (var f, InputProblem.NotInList) when f.StartsWith("steps[", StringComparison.Ordinal) && f.EndsWith(".key", StringComparison.Ordinal) => "Given twice: each step has its own key.",
        (var f, InputProblem.NotInList) when f.EndsWith(".group", StringComparison.Ordinal) => "No executor group has that name.",
        (var f, InputProblem.NotInList) when f.Contains(".next", StringComparison.Ordinal) => "Dangling: no step of this flow has that key.",
        (var f, InputProblem.NotInList) when f.Contains(".status", StringComparison.Ordinal) => $"One of {string.Join(", ", Enum.GetValues<ReleaseStatus>().Select(MachineNames.Of))}.",
        (var f, InputProblem.OutOfRange) when f.StartsWith("steps[", StringComparison.Ordinal) => "Unreachable: no path from the first step leads here.",
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
