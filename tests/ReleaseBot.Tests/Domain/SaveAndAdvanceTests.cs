using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class SaveAndAdvanceTests
{
    [Fact]
    public void In_execution_cannot_advance_and_nothing_changes()
    {
        var (release, flow) = ClaimedByAlex();
        var before = Snapshot(release);

        var refusal = release.SaveAndAdvance(Alex, release.Revision, new ClosureForm("EmExecucao", null, null, null), flow, Categories(), Now);

        Assert.Equal(RefusalReason.InvalidClosure, refusal?.Reason);
        Assert.Equal([new FormError(ClosureField.Situation, FormProblem.CannotAdvanceInExecution)], refusal?.Errors!);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void Resolved_finishes_the_execution_and_opens_the_test_task_for_quality_assurance()
    {
        var (release, flow) = ClaimedByAlex();
        var execution = release.CurrentTask!;
        var revision = release.Revision;
        var logCount = release.Log.Count;
        var at = Now.AddHours(3);

        var refusal = release.SaveAndAdvance(Alex, revision, Resolved("Deployed."), flow, Categories(), at);

        Assert.Null(refusal);
        Assert.False(execution.IsOpen);
        Assert.Equal(at, execution.FinishedAt);
        Assert.Equal(Alex.AadObjectId, execution.FinishedByAadId);
        Assert.Equal(Alex.Name, execution.FinishedByName);
        Assert.Equal(ExecutionSituation.Resolvida, execution.Outcome);
        Assert.Equal(Alex.AadObjectId, execution.AssigneeAadId);

        var test = release.CurrentTask!;
        Assert.NotSame(execution, test);
        Assert.Equal("teste", test.StepKey);
        Assert.Equal(Qa, test.CandidateGroupId);
        Assert.False(test.IsAssigned);
        Assert.Equal(at, test.CreatedAt);
        Assert.Single(release.Tasks, t => t.IsOpen);

        Assert.Equal(ReleaseStatus.Resolvida, release.Status);
        Assert.Equal(ExecutionSituation.Resolvida, execution.Situation);
        Assert.Equal("Deployed.", execution.ExecutionInformation);
        Assert.Same(execution, release.LatestClosure);
        Assert.False(test.HasClosure);

        var added = release.Log.Skip(logCount).ToList();
        Assert.Equal([Occurrence.ExecutionSaved, Occurrence.FlowAdvanced], added.Select(e => e.Occurrence));
        Assert.Equal("execucao", added[0].StepKey);
        Assert.Equal("Deployed.", added[0].Text);
        Assert.Equal(1, added[0].SolutionCategoryId);
        Assert.Equal("execucao", added[1].StepKey);
        Assert.Equal("teste", added[1].ToStepKey);
        Assert.Equal(ExecutionSituation.Resolvida, added[1].Situation);
        Assert.All(added, e => Assert.Equal(Alex.AadObjectId, e.ActorAadId));
        Assert.True(release.Revision > revision);
        Assert.Equal(revision + added.Count, release.Revision);

        Assert.True(release.MayBeClaimedBy(Isaiah));
        Assert.False(release.MayBeClaimedBy(Alex));
        Assert.False(release.MayBeExecutedBy(Alex));
    }

    [Fact]
    public void Not_resolved_sends_the_release_back_to_execution_for_the_executor_group()
    {
        var (release, flow) = ClaimedByAlex();
        var execution = release.CurrentTask!;

        Assert.Null(release.SaveAndAdvance(Alex, release.Revision, NotResolved(), flow, Categories(), Now));

        Assert.Equal(ExecutionSituation.NaoResolvida, execution.Outcome);
        Assert.False(execution.IsOpen);
        var again = release.CurrentTask!;
        Assert.NotSame(execution, again);
        Assert.Equal("execucao", again.StepKey);
        Assert.Equal(Engineers, again.CandidateGroupId);
        Assert.False(again.IsAssigned);
        Assert.Equal(ReleaseStatus.NaoResolvida, release.Status);
        Assert.Equal("execucao", release.Log[^1].ToStepKey);
        Assert.Equal(ExecutionSituation.NaoResolvida, release.Log[^1].Situation);

        // The new execution task is claimable again, by anyone of the group.
        Assert.Null(release.Claim(Megan, release.Revision, flow, Now));
        Assert.Equal(ReleaseStatus.EmExecucao, release.Status);
    }

    [Fact]
    public void Not_resolved_in_test_goes_back_to_execution_for_the_executor_group_not_quality_assurance()
    {
        var flow = StandardFlow();
        var release = WalkTo(NewRelease(flow, executorGroup: Dba), flow, "teste");
        Assert.Null(release.Claim(Isaiah, release.Revision, flow, Now));

        Assert.Null(release.SaveAndAdvance(Isaiah, release.Revision, NotResolved(), flow, Categories(), Now));

        Assert.Equal("execucao", release.CurrentTask!.StepKey);
        Assert.Equal(Dba, release.CurrentTask.CandidateGroupId);
        Assert.Equal(ReleaseStatus.NaoResolvida, release.Status);
    }

    [Fact]
    public void Advancing_the_last_step_ends_the_flow()
    {
        var flow = StandardFlow();
        var release = WalkTo(NewRelease(flow), flow, "encerramento");
        Assert.Null(release.Claim(Lynne, release.Revision, flow, Now));
        var closing = release.CurrentTask!;
        var tasks = release.Tasks.Count;

        Assert.Null(release.SaveAndAdvance(Lynne, release.Revision, Resolved("Closed."), flow, Categories(), Now));

        Assert.Null(release.CurrentTask);
        Assert.Equal(tasks, release.Tasks.Count);
        Assert.All(release.Tasks, t => Assert.False(t.IsOpen));
        Assert.Equal(ExecutionSituation.Resolvida, closing.Outcome);
        Assert.Equal(ReleaseStatus.Fechada, release.Status);
        var last = release.Log[^1];
        Assert.Equal(Occurrence.FlowAdvanced, last.Occurrence);
        Assert.Equal("encerramento", last.StepKey);
        Assert.Null(last.ToStepKey);

        var before = Snapshot(release);
        Assert.Equal(RefusalReason.NoOpenTask, release.SaveAndKeep(Lynne, release.Revision, Resolved(), flow, Categories(), Now)?.Reason);
        Assert.Equal(RefusalReason.NoOpenTask, release.SaveAndAdvance(Lynne, release.Revision, Resolved(), flow, Categories(), Now)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void Walking_the_whole_flow_visits_every_step_in_order_and_logs_each_move()
    {
        var flow = StandardFlow();
        var release = NewRelease(flow);

        WalkTo(release, flow, "encerramento");
        var actor = MemberFor(release);
        Assert.Null(release.Claim(actor, release.Revision, flow, Now));
        Assert.Null(release.SaveAndAdvance(actor, release.Revision, Resolved(), flow, Categories(), Now));

        Assert.Equal(["registro", "autorizacao", "execucao", "teste", "homologacao", "encerramento"], release.Tasks.Select(t => t.StepKey));
        Assert.Equal(
            new (string, string?)[] { ("registro", "autorizacao"), ("autorizacao", "execucao"), ("execucao", "teste"), ("teste", "homologacao"), ("homologacao", "encerramento"), ("encerramento", null) },
            release.Log.Where(e => e.Occurrence == Occurrence.FlowAdvanced).Select(e => (e.StepKey, e.ToStepKey)));
        Assert.Equal(release.Log.Count, release.Revision);
        Assert.Equal([Managers, Cab, Engineers, Qa, Qa, Managers], release.Tasks.Select(t => t.CandidateGroupId));
    }

    [Fact]
    public void The_emergency_flow_goes_from_execution_straight_to_closure()
    {
        var flow = EmergencyFlow();
        var release = WalkTo(NewRelease(flow), flow, "execucao");
        Assert.Null(release.Claim(Alex, release.Revision, flow, Now));

        Assert.Null(release.SaveAndAdvance(Alex, release.Revision, Resolved(), flow, Categories(), Now));

        Assert.Equal("encerramento", release.CurrentTask!.StepKey);
        Assert.Equal(Managers, release.CurrentTask.CandidateGroupId);
    }
}
