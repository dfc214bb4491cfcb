using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

/// <summary>An approval step: its group's members approve or reject it without claiming it; one decision wins.</summary>
public class ApprovalTests
{
    private static readonly Actor Board = new("aad-board", "Board Member", new HashSet<int> { Cab });
    private static readonly DateTimeOffset Later = Now.AddHours(1);

    /// <summary>The standard flow with autorizacao as an approval whose rejection goes back to registro.</summary>
    private static (ReleaseRequest Release, ReleaseFlow Flow) AtAuthorization()
    {
        var flow = StandardFlow();
        var step = flow.Step("autorizacao");
        step.IsApproval = true;
        step.NextWhenNotResolved = "registro";
        step.StatusWhenNotResolved = ReleaseStatus.Registrada;
        return (WalkTo(NewRelease(flow), flow, "autorizacao"), flow);
    }

    [Fact]
    public void A_board_member_approves_without_claiming_and_the_flow_moves_on_as_resolved()
    {
        var (release, flow) = AtAuthorization();
        var revision = release.Revision;

        Assert.Null(release.Decide(Lynne, revision, approve: true, "  Low risk, go.  ", flow, Later));

        var decided = release.Tasks.Single(t => t.StepKey == "autorizacao");
        Assert.Equal((Lynne.AadObjectId, (ExecutionSituation?)ExecutionSituation.Resolvida, (DateTimeOffset?)Later), (decided.AssigneeAadId, decided.Outcome, decided.FinishedAt));
        Assert.Equal("execucao", release.CurrentTask!.StepKey);
        Assert.Equal(ReleaseStatus.Aprovada, release.Status);
        Assert.Equal(revision + 2, release.Revision);
        Assert.Equal((Occurrence.Approved, "Low risk, go."), (release.Log[^2].Occurrence, release.Log[^2].Text));
        Assert.Equal(Occurrence.FlowAdvanced, release.Log[^1].Occurrence);
        Assert.True(Assert.IsType<ApprovalDecided>(release.Events[^2]).Approved);
    }

    [Fact]
    public void Rejecting_follows_the_steps_not_resolved_path_and_the_comment_is_optional()
    {
        var (release, flow) = AtAuthorization();

        Assert.Null(release.Decide(Board, release.Revision, approve: false, null, flow, Later));

        Assert.Equal("registro", release.CurrentTask!.StepKey);
        Assert.Equal(ReleaseStatus.Registrada, release.Status);
        Assert.Equal((Occurrence.Rejected, (string?)null), (release.Log[^2].Occurrence, release.Log[^2].Text));
        Assert.Equal(ExecutionSituation.NaoResolvida, release.Tasks.Single(t => t.StepKey == "autorizacao").Outcome);
    }

    [Fact]
    public void The_second_decision_on_the_same_card_is_refused_and_changes_nothing()
    {
        var (release, flow) = AtAuthorization();
        var seen = release.Revision;
        Assert.Null(release.Decide(Lynne, seen, approve: true, null, flow, Later));
        var after = Snapshot(release);

        Assert.Equal(RefusalReason.StaleCard, release.Decide(Board, seen, approve: false, "No!", flow, Later)!.Reason);
        Assert.Equal(after, Snapshot(release));
    }

    [Fact]
    public void Only_members_decide_only_approval_steps_and_not_while_suspended()
    {
        var (release, flow) = AtAuthorization();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.NotCandidate, release.Decide(Alex, release.Revision, approve: true, null, flow, Later)!.Reason);
        Assert.Equal(RefusalReason.InvalidReason, release.Decide(Board, release.Revision, approve: true, new string('x', ReleaseRequest.MaxReasonLength + 1), flow, Later)!.Reason);
        Assert.Null(release.Claim(Lynne, release.Revision, flow, Later));
        Assert.Equal(RefusalReason.AssignedToOther, release.Decide(Board, release.Revision, approve: true, null, flow, Later)!.Reason);
        Assert.NotEqual(before, Snapshot(release));

        var (waiting, executionFlow) = WaitingAtExecution();
        Assert.Equal(RefusalReason.NotAnApproval, waiting.Decide(Alex, waiting.Revision, approve: true, null, executionFlow, Later)!.Reason);
        Assert.Equal(RefusalReason.StaleCard, waiting.Decide(Alex, waiting.Revision - 1, approve: true, null, executionFlow, Later)!.Reason);

        var (suspended, suspendedFlow) = AtAuthorization();
        Assert.Null(suspended.Suspend(Lynne with { ManagesReleases = true }, suspended.Revision, "Freeze", Later));
        Assert.Equal(RefusalReason.Suspended, suspended.Decide(Board, suspended.Revision, approve: true, null, suspendedFlow, Later)!.Reason);
    }
}
