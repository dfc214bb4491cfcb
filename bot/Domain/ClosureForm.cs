namespace ReleaseBot.Domain;

/// <summary>The closing area ("Fechamento") as the executor filled it: what was typed, not yet trusted.</summary>
public sealed record ClosureForm(string? Situation, string? SolutionCategoryId, string? ExecutionInformation, string? ReleaseDate)
{
    public const int MaxExecutionInformation = 4000;

    /// <summary>A closure that passed <see cref="Validate"/>.</summary>
    public sealed record Valid(ExecutionSituation Situation, SolutionCategory? Category, string? ExecutionInformation, DateOnly? ReleaseDate);

    /// <summary>
    /// The rules of the closing area: a category from the list, the information and the release date
    /// are required as the situation demands, and advancing needs an outcome the step accepts.
    /// </summary>
    public (Valid? Closure, IReadOnlyList<FormError> Errors) Validate(FlowStep step, IReadOnlyCollection<SolutionCategory> categories, bool advancing)
    {
        var errors = new List<FormError>();
        var situation = ParseSituation(Situation);
        if (situation is null)
            errors.Add(new(ClosureField.Situation, string.IsNullOrWhiteSpace(Situation) ? FormProblem.Required : FormProblem.NotInList));
        else if (situation == ExecutionSituation.NaoResolvida && !step.AcceptsNotResolved)
            errors.Add(new(ClosureField.Situation, FormProblem.NotAllowedHere));
        else if (advancing && situation == ExecutionSituation.EmExecucao)
            errors.Add(new(ClosureField.Situation, FormProblem.CannotAdvanceInExecution));

        SolutionCategory? category = null;
        if (!string.IsNullOrWhiteSpace(SolutionCategoryId))
        {
            category = int.TryParse(SolutionCategoryId, out var id) ? categories.FirstOrDefault(c => c.Id == id) : null;
            if (category is null) errors.Add(new(ClosureField.SolutionCategory, FormProblem.NotInList));
        }
        else if (situation == ExecutionSituation.Resolvida)
            errors.Add(new(ClosureField.SolutionCategory, FormProblem.Required));

        var information = string.IsNullOrWhiteSpace(ExecutionInformation) ? null : ExecutionInformation.Trim();
        if (information is { Length: > MaxExecutionInformation })
            errors.Add(new(ClosureField.ExecutionInformation, FormProblem.TooLong));
        else if (information is null && situation is ExecutionSituation.Resolvida or ExecutionSituation.NaoResolvida)
            errors.Add(new(ClosureField.ExecutionInformation, FormProblem.Required));

        DateOnly? releaseDate = null;
        if (!string.IsNullOrWhiteSpace(ReleaseDate))
        {
            if (DateOnly.TryParseExact(ReleaseDate.Trim(), "yyyy-MM-dd", out var date)) releaseDate = date;
            else errors.Add(new(ClosureField.ReleaseDate, FormProblem.InvalidDate));
        }
        else if (situation == ExecutionSituation.Resolvida)
            errors.Add(new(ClosureField.ReleaseDate, FormProblem.Required));

        return errors.Count > 0 ? (null, errors) : (new Valid(situation!.Value, category, information, releaseDate), errors);
    }

    private static ExecutionSituation? ParseSituation(string? value) =>
        Enum.GetValues<ExecutionSituation>().Cast<ExecutionSituation?>().FirstOrDefault(s => s.ToString() == value?.Trim());
}
