using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

/// <summary>Around the execution: suspend and resume, cancel, reopen, hand over and give back; who may, and when.</summary>
public class LifecycleTests
{
    private static readonly Actor Manager = Lynne with { ManagesReleases = true };
    private static readonly DateTimeOffset Later = Now.AddHours(1);

    [Fact]
    public void A_release_manager_suspends_a_release_which_then_refuses_claims_saves_and_links_until_resumed_where_it_was()
    {
        var (release, flow) = ClaimedByAlex();
        var before = release.Revision;

        Assert.Null(release.Suspend(Manager, before, "  Waiting for the database patch.  ", Later));

        Assert.Equal(ReleaseStatus.Suspensa, release.Status);
        Assert.Equal(before + 1, release.Revision);
        var entry = release.Log[^1];
        Assert.Equal((Occurrence.Suspended, "Waiting for the database patch.", Manager.Name, "execucao"), (entry.Occurrence, entry.Text, entry.ActorName, entry.StepKey));
        Assert.IsType<ReleaseSuspended>(release.Events[^1]);
        Assert.False(release.MayBeExecutedBy(Alex));
        var suspended = Snapshot(release);
        Assert.Equal(RefusalReason.Suspended, release.SaveAndKeep(Alex, release.Revision, Resolved(), flow, Categories(), Later)!.Reason);
        Assert.Equal(RefusalReason.Suspended, release.Link(Alex, release.Revision, LinkKind.Problem, Problem, null, Later)!.Reason);
        Assert.Equal(RefusalReason.Suspended, release.Suspend(Manager, release.Revision, "again", Later)!.Reason);
        Assert.Equal(suspended, Snapshot(release));

        Assert.Null(release.Resume(Manager, release.Revision, Later.AddHours(1)));

        Assert.Equal(ReleaseStatus.EmExecucao, release.Status);
        Assert.Null(release.StatusBeforeSuspension);
        Assert.Equal(Occurrence.Resumed, release.Log[^1].Occurrence);
        Assert.Equal(Alex.AadObjectId, release.CurrentTask!.AssigneeAadId);
        Assert.Null(release.SaveAndKeep(Alex, release.Revision, Resolved(), flow, Categories(), Later));
    }

    [Fact]
    public void A_waiting_task_of_a_suspended_release_offers_no_claim_and_refuses_one()
    {
        var (release, flow) = WaitingAtExecution();
        Assert.Null(release.Suspend(Manager, release.Revision, "Freeze", Later));

        Assert.False(release.MayBeClaimedBy(Alex));
        Assert.Equal(RefusalReason.Suspended, release.Claim(Alex, release.Revision, flow, Later)!.Reason);
        Assert.Null(release.CurrentTask!.AssigneeAadId);
    }

    [Fact]
    public void Only_release_managers_suspend_resume_and_reopen_and_an_old_card_is_refused_first()
    {
        var (release, flow) = ClaimedByAlex();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.NotReleaseManager, release.Suspend(Alex, release.Revision, "why", Later)!.Reason);
        Assert.Equal(RefusalReason.NotReleaseManager, release.Suspend(Lynne, release.Revision, "why", Later)!.Reason); // in the group, not a manager
        Assert.Equal(RefusalReason.StaleCard, release.Suspend(Manager, release.Revision - 1, "why", Later)!.Reason);
        Assert.Equal(RefusalReason.StaleCard, release.Suspend(Alex, release.Revision - 1, "why", Later)!.Reason);
        Assert.Equal(RefusalReason.NotSuspended, release.Resume(Manager, release.Revision, Later)!.Reason);
        Assert.Equal(RefusalReason.StillOpen, release.Reopen(Manager, release.Revision, "execucao", "why", flow, Later)!.Reason);
        Assert.Equal(before, Snapshot(release));

        Assert.Null(release.Suspend(Manager, release.Revision, "why", Later));
        Assert.Equal(RefusalReason.NotReleaseManager, release.Resume(Alex, release.Revision, Later)!.Reason);
        Assert.Equal(ReleaseStatus.Suspensa, release.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_suspension_a_cancellation_and_a_reopening_say_why(string? reason)
    {
        var (release, flow) = ClaimedByAlex();
        var before = Snapshot(release);
        var tooLong = new string('x', ReleaseRequest.MaxReasonLength + 1);

        Assert.Equal(RefusalReason.InvalidReason, release.Suspend(Manager, release.Revision, reason, Later)!.Reason);
        Assert.Equal(RefusalReason.InvalidReason, release.Suspend(Manager, release.Revision, tooLong, Later)!.Reason);
        Assert.Equal(RefusalReason.InvalidReason, release.Cancel(Manager, release.Revision, reason, Later)!.Reason);
        Assert.Equal(before, Snapshot(release));

        Assert.Null(release.Cancel(Manager, release.Revision, new string('x', ReleaseRequest.MaxReasonLength), Later));
        var cancelled = Snapshot(release);
        Assert.Equal(RefusalReason.InvalidReason, release.Reopen(Manager, release.Revision, "execucao", reason, flow, Later)!.Reason);
        Assert.Equal(cancelled, Snapshot(release));
    }

    [Fact]
    public void A_release_manager_cancels_a_release_in_progress_its_task_ends_without_outcome_and_nothing_moves_after()
    {
        var (release, flow) = ClaimedByAlex();

        Assert.Null(release.Cancel(Manager, release.Revision, "Superseded by 2.5.0", Later));

        Assert.Equal(ReleaseStatus.Cancelada, release.Status);
        Assert.Null(release.CurrentTask);
        var task = release.Tasks.Single(t => t.StepKey == "execucao");
        Assert.Equal((Later, Manager.AadObjectId, (ExecutionSituation?)null), (task.FinishedAt, task.FinishedByAadId, task.Outcome));
        Assert.Equal((Occurrence.Cancelled, "Superseded by 2.5.0"), (release.Log[^1].Occurrence, release.Log[^1].Text));
        var cancelled = Snapshot(release);
        Assert.Equal(RefusalReason.Cancelled, release.Claim(Alex, release.Revision, flow, Later)!.Reason);
        Assert.Equal(RefusalReason.Cancelled, release.Cancel(Manager, release.Revision, "again", Later)!.Reason);
        Assert.Equal(RefusalReason.NotSuspended, release.Resume(Manager, release.Revision, Later)!.Reason);
        Assert.Equal(cancelled, Snapshot(release));
    }

    [Fact]
    public void The_requester_cancels_until_execution_starts_and_nobody_else_but_managers_may()
    {
        var flow = StandardFlow();
        var requester = Adele; // the sample release's requester
        var waiting = NewRelease(flow);
        Assert.Equal(RefusalReason.NotReleaseManager, waiting.Cancel(Alex, waiting.Revision, "not mine", Later)!.Reason);
        Assert.Null(waiting.Cancel(requester, waiting.Revision, "Not needed any more", Later));
        Assert.Equal(ReleaseStatus.Cancelada, waiting.Status);

        var (started, _) = ClaimedByAlex(); // execution claimed: in execution
        var before = Snapshot(started);
        Assert.Equal(RefusalReason.ExecutionStarted, started.Cancel(requester, started.Revision, "Too late?", Later)!.Reason);
        Assert.Equal(before, Snapshot(started));
        Assert.Null(started.Cancel(Manager, started.Revision, "Rolled back by the board", Later));
    }

    [Fact]
    public void A_release_manager_reopens_a_cancelled_or_finished_release_into_a_step_with_the_status_of_arriving_there()
    {
        var (release, flow) = ClaimedByAlex();
        Assert.Null(release.Cancel(Manager, release.Revision, "Paused for the freeze", Later));
        Assert.Equal(RefusalReason.UnknownStep, release.Reopen(Manager, release.Revision, "nowhere", "back", flow, Later)!.Reason);

        Assert.Null(release.Reopen(Manager, release.Revision, "execucao", "Freeze is over", flow, Later.AddDays(1)));

        Assert.Equal(ReleaseStatus.Aprovada, release.Status); // autorizacao resolved leads to execucao as approved
        var task = release.CurrentTask!;
        Assert.Equal(("execucao", Engineers, (string?)null), (task.StepKey, task.CandidateGroupId, task.AssigneeAadId));
        var entry = release.Log[^1];
        Assert.Equal((Occurrence.Reopened, "execucao", "Freeze is over"), (entry.Occurrence, entry.StepKey, entry.Text));
        Assert.Equal(Engineers, Assert.IsType<ReleaseReopened>(release.Events[^1]).CandidateGroupId);
        Assert.Null(release.Claim(Alex, release.Revision, flow, Later.AddDays(1)));
        Assert.Equal(ReleaseStatus.EmExecucao, release.Status);

        var finished = WalkTo(NewRelease(flow), flow, "encerramento");
        var closer = MemberFor(finished);
        Assert.Null(finished.Claim(closer, finished.Revision, flow, Now));
        Assert.Null(finished.SaveAndAdvance(closer, finished.Revision, Resolved(), flow, Categories(), Now));
        Assert.Equal(ReleaseStatus.Fechada, finished.Status);
        Assert.Null(finished.Reopen(Manager, finished.Revision, "registro", "Rollback: register it again", flow, Later));
        Assert.Equal(ReleaseStatus.Registrada, finished.Status);
    }

    [Fact]
    public void The_holder_hands_the_task_over_to_another_member_of_its_group_or_gives_it_back()
    {
        var (release, _) = ClaimedByAlex();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.NotInTaskGroup, release.HandOver(Alex, release.Revision, Isaiah, Later)!.Reason);
        Assert.Equal(RefusalReason.AlreadyYours, release.HandOver(Alex, release.Revision, Alex, Later)!.Reason);
        Assert.Equal(RefusalReason.AssignedToOther, release.HandOver(Megan, release.Revision, Megan, Later)!.Reason); // not hers to hand on
        Assert.Equal(RefusalReason.StaleCard, release.HandOver(Alex, release.Revision - 1, Megan, Later)!.Reason);
        Assert.Equal(before, Snapshot(release));

        Assert.Null(release.HandOver(Alex, release.Revision, Megan, Later));

        Assert.Equal((Megan.AadObjectId, Megan.Name, (DateTimeOffset?)Later), (release.CurrentTask!.AssigneeAadId, release.CurrentTask.AssigneeName, release.CurrentTask.ClaimedAt));
        Assert.Equal((Occurrence.HandedOver, Megan.Name, Alex.Name), (release.Log[^1].Occurrence, release.Log[^1].Subject, release.Log[^1].ActorName));
        Assert.False(release.MayBeExecutedBy(Alex));
        Assert.True(release.MayBeExecutedBy(Megan));

        Assert.Null(release.GiveBack(Megan, release.Revision, Later));
        Assert.Null(release.CurrentTask.AssigneeAadId);
        Assert.Equal(Occurrence.GivenBack, release.Log[^1].Occurrence);
        Assert.True(Assert.IsType<TaskHandedOver>(release.Events[^1]).GivenBack);
        Assert.Equal(RefusalReason.NotAssignee, release.GiveBack(Megan, release.Revision, Later)!.Reason);
        Assert.True(release.MayBeClaimedBy(Alex));
    }

    [Fact]
    public void A_release_manager_reassigns_any_task_to_a_member_of_its_group_but_not_while_suspended()
    {
        var (release, _) = WaitingAtExecution();
        Assert.Equal(RefusalReason.NotAssignee, release.HandOver(Alex, release.Revision, Megan, Later)!.Reason); // nobody holds it yet

        Assert.Null(release.HandOver(Manager, release.Revision, Alex, Later));
        Assert.Equal(Alex.AadObjectId, release.CurrentTask!.AssigneeAadId);
        Assert.Null(release.HandOver(Manager, release.Revision, Megan, Later));
        Assert.Equal(Megan.AadObjectId, release.CurrentTask.AssigneeAadId);
        Assert.Equal(RefusalReason.NotInTaskGroup, release.HandOver(Manager, release.Revision, Isaiah, Later)!.Reason);

        Assert.Null(release.Suspend(Manager, release.Revision, "Freeze", Later));
        Assert.Equal(RefusalReason.Suspended, release.HandOver(Manager, release.Revision, Alex, Later)!.Reason);
        Assert.Equal(RefusalReason.Suspended, release.GiveBack(Megan, release.Revision, Later)!.Reason);
        Assert.Equal(Megan.AadObjectId, release.CurrentTask.AssigneeAadId);
    }

    [Fact]
    public void A_near_start_reminds_only_while_the_task_is_unassigned_and_an_end_passed_unresolved_is_overdue()
    {
        var (release, flow) = WaitingAtExecution(); // planned from Now + 1 day to Now + 1 day + 4 h
        var start = release.PlannedStart;
        var lead = TimeSpan.FromMinutes(30);

        Assert.False(release.StartsUnassigned(start - TimeSpan.FromMinutes(31), lead));
        Assert.True(release.StartsUnassigned(start - TimeSpan.FromMinutes(30), lead));
        Assert.False(release.StartsUnassigned(start, lead)); // started: too late to remind
        Assert.False(release.IsOverdue(release.PlannedEnd));
        Assert.True(release.IsOverdue(release.PlannedEnd.AddMinutes(1)));

        Assert.Null(release.Claim(Alex, release.Revision, flow, Now));
        Assert.False(release.StartsUnassigned(start - TimeSpan.FromMinutes(10), lead));
        Assert.Null(release.SaveAndAdvance(Alex, release.Revision, Resolved(), flow, Categories(), Now));
        Assert.Equal(ReleaseStatus.Resolvida, release.Status);
        Assert.False(release.IsOverdue(release.PlannedEnd.AddDays(1)));
    }
}
