using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class SaveAndKeepTests
{
    [Fact]
    public void A_resolved_closure_is_saved_and_the_task_stays_current_and_assigned()
    {
        var (release, flow) = ClaimedByAlex();
        var revision = release.Revision;
        var logCount = release.Log.Count;
        var tasks = release.Tasks.Count;
        var at = Now.AddHours(1);

        var refusal = release.SaveAndKeep(Alex, revision, new ClosureForm("Resolvida", "3", "  Deployed to 4 of 6 nodes.  ", "2026-11-24"), flow, Categories(), at);

        Assert.Null(refusal);
        Assert.Equal(ExecutionSituation.Resolvida, release.CurrentTask!.Situation);
        Assert.Equal(3, release.CurrentTask!.SolutionCategoryId);
        Assert.Equal("Deployed to 4 of 6 nodes.", release.CurrentTask!.ExecutionInformation);
        Assert.Equal(new DateOnly(2026, 11, 24), release.CurrentTask!.ReleaseDate);
        Assert.Equal(ReleaseStatus.EmExecucao, release.Status);
        Assert.Equal(revision + 1, release.Revision);

        Assert.Equal(tasks, release.Tasks.Count);
        var task = release.CurrentTask!;
        Assert.Equal("execucao", task.StepKey);
        Assert.True(task.IsOpen);
        Assert.Equal(Alex.AadObjectId, task.AssigneeAadId);
        Assert.Null(task.Outcome);

        Assert.Equal(logCount + 1, release.Log.Count);
        var entry = release.Log[^1];
        Assert.Equal(Occurrence.ExecutionSaved, entry.Occurrence);
        Assert.Equal(ExecutionSituation.Resolvida, entry.Situation);
        Assert.Equal(3, entry.SolutionCategoryId);
        Assert.Equal("Deployed to 4 of 6 nodes.", entry.Text);
        Assert.Equal("execucao", entry.StepKey);
        Assert.Equal(Alex.AadObjectId, entry.ActorAadId);
        Assert.Equal(at, entry.At);
        Assert.Null(entry.ToStepKey);
    }

    [Fact]
    public void In_execution_saves_with_nothing_else_filled_in()
    {
        var (release, flow) = ClaimedByAlex();

        Assert.Null(release.SaveAndKeep(Alex, release.Revision, new ClosureForm("EmExecucao", null, null, null), flow, Categories(), Now));

        Assert.Equal(ExecutionSituation.EmExecucao, release.CurrentTask!.Situation);
        Assert.Null(release.CurrentTask!.SolutionCategoryId);
        Assert.Null(release.CurrentTask!.ExecutionInformation);
        var entry = release.Log[^1];
        Assert.Equal(Occurrence.ExecutionSaved, entry.Occurrence);
        Assert.Equal(ExecutionSituation.EmExecucao, entry.Situation);
        Assert.Null(entry.SolutionCategoryId);
        Assert.Null(entry.Text);
    }

    [Fact]
    public void Not_resolved_is_saved_without_moving_the_task()
    {
        var (release, flow) = ClaimedByAlex();

        Assert.Null(release.SaveAndKeep(Alex, release.Revision, NotResolved("Waiting for the DBA."), flow, Categories(), Now));

        Assert.Equal(ExecutionSituation.NaoResolvida, release.CurrentTask!.Situation);
        Assert.Equal(ReleaseStatus.EmExecucao, release.Status);
        Assert.Equal(Alex.AadObjectId, release.CurrentTask!.AssigneeAadId);
        Assert.Null(release.CurrentTask.FinishedAt);
        Assert.DoesNotContain(release.Log, e => e.Occurrence == Occurrence.FlowAdvanced && e.StepKey == "execucao");
    }

    [Fact]
    public void A_later_save_replaces_the_earlier_one()
    {
        var (release, flow) = ClaimedByAlex();
        Assert.Null(release.SaveAndKeep(Alex, release.Revision, Resolved("first"), flow, Categories(), Now));

        Assert.Null(release.SaveAndKeep(Alex, release.Revision, new ClosureForm("EmExecucao", null, null, null), flow, Categories(), Now));

        Assert.Equal(ExecutionSituation.EmExecucao, release.CurrentTask!.Situation);
        Assert.Null(release.CurrentTask!.SolutionCategoryId);
        Assert.Null(release.CurrentTask!.ExecutionInformation);
        Assert.Null(release.CurrentTask!.ReleaseDate);
        Assert.Equal(2, release.Log.Count(e => e.Occurrence == Occurrence.ExecutionSaved && e.StepKey == "execucao"));
    }

    public static TheoryData<ClosureForm, ClosureField, FormProblem> InvalidForms => new()
    {
        { new ClosureForm("Resolvida", null, "info", "2026-11-25"), ClosureField.SolutionCategory, FormProblem.Required },
        { new ClosureForm("Resolvida", "1", null, "2026-11-25"), ClosureField.ExecutionInformation, FormProblem.Required },
        { new ClosureForm("Resolvida", "1", "info", null), ClosureField.ReleaseDate, FormProblem.Required },
        { new ClosureForm("NaoResolvida", null, " ", null), ClosureField.ExecutionInformation, FormProblem.Required },
        { new ClosureForm("Resolvida", "77", "info", "2026-11-25"), ClosureField.SolutionCategory, FormProblem.NotInList },
        { new ClosureForm("EmExecucao", null, new string('x', 4001), null), ClosureField.ExecutionInformation, FormProblem.TooLong },
        { new ClosureForm("Resolvida", "1", "info", "31/12/2026"), ClosureField.ReleaseDate, FormProblem.InvalidDate },
        { new ClosureForm("Fechada", null, null, null), ClosureField.Situation, FormProblem.NotInList },
        { new ClosureForm("", null, null, null), ClosureField.Situation, FormProblem.Required },
    };

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public void An_invalid_closure_is_refused_with_its_problem_and_changes_nothing(ClosureForm form, ClosureField field, FormProblem problem)
    {
        var (release, flow) = ClaimedByAlex();
        Assert.Null(release.SaveAndKeep(Alex, release.Revision, Resolved("saved before"), flow, Categories(), Now));
        var before = Snapshot(release);

        var refusal = release.SaveAndKeep(Alex, release.Revision, form, flow, Categories(), Now);

        Assert.Equal(RefusalReason.InvalidClosure, refusal?.Reason);
        Assert.Equal([new FormError(field, problem)], refusal?.Errors!);
        Assert.Equal(before, Snapshot(release));
        Assert.Equal("saved before", release.CurrentTask!.ExecutionInformation);
    }

    [Fact]
    public void Not_resolved_is_refused_where_the_step_does_not_accept_it()
    {
        var flow = StandardFlow();
        var release = NewRelease(flow);
        Assert.Null(release.Claim(Lynne, release.Revision, flow, Now));
        var before = Snapshot(release);

        var refusal = release.SaveAndKeep(Lynne, release.Revision, NotResolved(), flow, Categories(), Now);

        Assert.Equal(RefusalReason.InvalidClosure, refusal?.Reason);
        Assert.Equal([new FormError(ClosureField.Situation, FormProblem.NotAllowedHere)], refusal?.Errors!);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void A_save_from_a_stale_card_is_refused()
    {
        var (release, flow) = ClaimedByAlex();
        var seen = release.Revision;
        Assert.Null(release.SaveAndKeep(Alex, seen, Resolved("first click"), flow, Categories(), Now));
        var before = Snapshot(release);

        var refusal = release.SaveAndKeep(Alex, seen, Resolved("second click on the old card"), flow, Categories(), Now);

        Assert.Equal(RefusalReason.StaleCard, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
        Assert.Equal("first click", release.CurrentTask!.ExecutionInformation);
    }
}
