using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class ClosureFormTests
{
    private static readonly ReleaseFlow Flow = StandardFlow();
    private static readonly FlowStep Execution = Flow.Step("execucao");
    private static readonly FlowStep Authorization = Flow.Step("autorizacao");

    private static IReadOnlyList<FormError> Errors(ClosureForm form, bool advancing = false, FlowStep? step = null)
    {
        var (closure, errors) = form.Validate(step ?? Execution, Categories(), advancing);
        if (errors.Count > 0) Assert.Null(closure);
        else Assert.NotNull(closure);
        return errors;
    }

    private static void AssertErrors(IReadOnlyList<FormError> actual, params FormError[] expected) =>
        Assert.Equal(
            expected.OrderBy(e => e.Field).ThenBy(e => e.Problem),
            actual.OrderBy(e => e.Field).ThenBy(e => e.Problem));

    [Fact]
    public void A_complete_resolved_closure_is_valid_and_trimmed()
    {
        var (closure, errors) = new ClosureForm(" Resolvida ", "3", "  Deployed, smoke tests green.  ", " 2026-11-25 ")
            .Validate(Execution, Categories(), advancing: true);

        Assert.Empty(errors);
        Assert.NotNull(closure);
        Assert.Equal(ExecutionSituation.Resolvida, closure.Situation);
        Assert.Equal(3, closure.Category?.Id);
        Assert.Equal("Deployed, smoke tests green.", closure.ExecutionInformation);
        Assert.Equal(new DateOnly(2026, 11, 25), closure.ReleaseDate);
    }

    [Fact]
    public void Resolved_needs_a_category_the_information_and_the_release_date()
    {
        AssertErrors(Errors(new ClosureForm("Resolvida", null, null, null)),
            new(ClosureField.SolutionCategory, FormProblem.Required),
            new(ClosureField.ExecutionInformation, FormProblem.Required),
            new(ClosureField.ReleaseDate, FormProblem.Required));
        AssertErrors(Errors(new ClosureForm("Resolvida", " ", "   ", "")),
            new(ClosureField.SolutionCategory, FormProblem.Required),
            new(ClosureField.ExecutionInformation, FormProblem.Required),
            new(ClosureField.ReleaseDate, FormProblem.Required));
    }

    [Theory]
    [InlineData(null, "info", "2026-11-25", ClosureField.SolutionCategory)]
    [InlineData("1", null, "2026-11-25", ClosureField.ExecutionInformation)]
    [InlineData("1", "info", null, ClosureField.ReleaseDate)]
    public void Resolved_misses_each_required_field_on_its_own(string? category, string? information, string? date, ClosureField missing) =>
        AssertErrors(Errors(new ClosureForm("Resolvida", category, information, date)), new FormError(missing, FormProblem.Required));

    [Fact]
    public void Not_resolved_needs_the_information_only()
    {
        AssertErrors(Errors(new ClosureForm("NaoResolvida", null, null, null)), new FormError(ClosureField.ExecutionInformation, FormProblem.Required));
        Assert.Empty(Errors(new ClosureForm("NaoResolvida", null, "Rolled back.", null), advancing: true));
    }

    [Fact]
    public void In_execution_needs_nothing()
    {
        var (closure, errors) = new ClosureForm("EmExecucao", null, null, null).Validate(Execution, Categories(), advancing: false);

        Assert.Empty(errors);
        Assert.Equal(ExecutionSituation.EmExecucao, closure?.Situation);
        Assert.Null(closure?.Category);
        Assert.Null(closure?.ExecutionInformation);
        Assert.Null(closure?.ReleaseDate);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("abc")]
    [InlineData("1.0")]
    public void A_category_that_is_not_in_the_list_is_refused(string category)
    {
        AssertErrors(Errors(new ClosureForm("Resolvida", category, "info", "2026-11-25")), new FormError(ClosureField.SolutionCategory, FormProblem.NotInList));
        AssertErrors(Errors(new ClosureForm("EmExecucao", category, null, null)), new FormError(ClosureField.SolutionCategory, FormProblem.NotInList));
    }

    [Fact]
    public void The_information_may_have_4000_characters_but_not_more()
    {
        Assert.Empty(Errors(new ClosureForm("NaoResolvida", null, new string('x', ClosureForm.MaxExecutionInformation), null)));
        Assert.Empty(Errors(new ClosureForm("NaoResolvida", null, "  " + new string('x', ClosureForm.MaxExecutionInformation) + "\n", null)));
        AssertErrors(Errors(new ClosureForm("NaoResolvida", null, new string('x', ClosureForm.MaxExecutionInformation + 1), null)),
            new FormError(ClosureField.ExecutionInformation, FormProblem.TooLong));
        AssertErrors(Errors(new ClosureForm("EmExecucao", null, new string('x', ClosureForm.MaxExecutionInformation + 1), null)),
            new FormError(ClosureField.ExecutionInformation, FormProblem.TooLong));
    }

    [Theory]
    [InlineData("25/11/2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-11-25T10:00")]
    [InlineData("tomorrow")]
    public void A_release_date_that_is_not_a_date_is_refused(string date)
    {
        AssertErrors(Errors(new ClosureForm("Resolvida", "1", "info", date)), new FormError(ClosureField.ReleaseDate, FormProblem.InvalidDate));
        AssertErrors(Errors(new ClosureForm("EmExecucao", null, null, date)), new FormError(ClosureField.ReleaseDate, FormProblem.InvalidDate));
    }

    [Theory]
    [InlineData("Closed")]
    [InlineData("resolvida")]
    [InlineData("RESOLVIDA")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("Resolvida; drop")]
    public void A_situation_that_is_not_in_the_list_is_refused(string situation) =>
        AssertErrors(Errors(new ClosureForm(situation, "1", "info", "2026-11-25")), new FormError(ClosureField.Situation, FormProblem.NotInList));

    /// <summary>
    /// Enum.TryParse reads "A,B" as the bitwise OR of A and B, so "EmExecucao,Resolvida" (0|1) would
    /// pass as Resolvida and "EmExecucao,NaoResolvida" (0|2) as NaoResolvida. Neither is a situation of the list.
    /// </summary>
    [Theory]
    [InlineData("EmExecucao,Resolvida")]
    [InlineData("EmExecucao, NaoResolvida")]
    [InlineData("Resolvida,Resolvida")]
    public void A_list_of_situations_is_not_a_situation(string situation) =>
        AssertErrors(Errors(new ClosureForm(situation, "1", "info", "2026-11-25")), new FormError(ClosureField.Situation, FormProblem.NotInList));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_situation_is_required(string? situation) =>
        AssertErrors(Errors(new ClosureForm(situation, null, null, null)), new FormError(ClosureField.Situation, FormProblem.Required));

    [Fact]
    public void Not_resolved_is_refused_on_a_step_that_has_nowhere_to_go_back_to()
    {
        Assert.False(Authorization.AcceptsNotResolved);
        Assert.True(Execution.AcceptsNotResolved);

        AssertErrors(Errors(new ClosureForm("NaoResolvida", null, "info", null), advancing: false, step: Authorization),
            new FormError(ClosureField.Situation, FormProblem.NotAllowedHere));
        AssertErrors(Errors(new ClosureForm("NaoResolvida", null, "info", null), advancing: true, step: Authorization),
            new FormError(ClosureField.Situation, FormProblem.NotAllowedHere));
    }

    [Fact]
    public void In_execution_can_be_kept_but_not_advanced()
    {
        Assert.Empty(Errors(new ClosureForm("EmExecucao", null, null, null), advancing: false));
        AssertErrors(Errors(new ClosureForm("EmExecucao", null, null, null), advancing: true),
            new FormError(ClosureField.Situation, FormProblem.CannotAdvanceInExecution));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        AssertErrors(Errors(new ClosureForm("Resolvida", "42", new string('x', 4001), "2026/11/25"), advancing: true),
            new(ClosureField.SolutionCategory, FormProblem.NotInList),
            new(ClosureField.ExecutionInformation, FormProblem.TooLong),
            new(ClosureField.ReleaseDate, FormProblem.InvalidDate));
    }
}
