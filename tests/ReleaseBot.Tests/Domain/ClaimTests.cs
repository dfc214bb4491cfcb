using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class ClaimTests
{
    [Fact]
    public void A_member_of_the_executor_group_claims_the_waiting_execution_task()
    {
        var (release, flow) = WaitingAtExecution();
        var revision = release.Revision;
        var logCount = release.Log.Count;
        var claimedAt = Now.AddMinutes(5);

        var refusal = release.Claim(Alex, revision, flow, claimedAt);

        Assert.Null(refusal);
        var task = release.CurrentTask!;
        Assert.Equal("execucao", task.StepKey);
        Assert.Equal(Alex.AadObjectId, task.AssigneeAadId);
        Assert.Equal(Alex.Name, task.AssigneeName);
        Assert.Equal(claimedAt, task.ClaimedAt);
        Assert.True(task.IsOpen);
        Assert.Equal(ReleaseStatus.EmExecucao, release.Status);
        Assert.Equal(revision + 1, release.Revision);
        Assert.Equal(logCount + 1, release.Log.Count);
        var entry = release.Log[^1];
        Assert.Equal(Occurrence.TaskClaimed, entry.Occurrence);
        Assert.Equal(Alex.AadObjectId, entry.ActorAadId);
        Assert.Equal(Alex.Name, entry.ActorName);
        Assert.Equal("execucao", entry.StepKey);
        Assert.Equal(claimedAt, entry.At);
        Assert.Null(entry.ToStepKey);
    }

    [Fact]
    public void The_execution_task_waits_for_the_executor_group_of_the_release()
    {
        var flow = StandardFlow();
        var release = WalkTo(NewRelease(flow, executorGroup: Dba), flow, "execucao");

        Assert.Equal(Dba, release.CurrentTask!.CandidateGroupId);
        Assert.Equal(RefusalReason.NotCandidate, release.Claim(Alex, release.Revision, flow, Now)!.Reason);
        Assert.Null(release.Claim(Megan, release.Revision, flow, Now));
    }

    [Fact]
    public void A_step_without_a_status_when_claimed_keeps_the_status()
    {
        var flow = StandardFlow();
        var release = WalkTo(NewRelease(flow), flow, "teste");
        var status = release.Status;

        Assert.Null(release.Claim(Isaiah, release.Revision, flow, Now));

        Assert.Equal(status, release.Status);
        Assert.Equal(Isaiah.AadObjectId, release.CurrentTask!.AssigneeAadId);
    }

    [Fact]
    public void A_person_outside_the_candidate_group_is_refused_and_nothing_changes()
    {
        var (release, flow) = WaitingAtExecution();
        var before = Snapshot(release);

        var refusal = release.Claim(Adele, release.Revision, flow, Now);

        Assert.Equal(RefusalReason.NotCandidate, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
        Assert.Null(release.CurrentTask!.AssigneeAadId);
        Assert.False(release.MayBeClaimedBy(Adele));
        Assert.True(release.MayBeClaimedBy(Alex));
    }

    [Fact]
    public void A_member_of_another_group_is_not_a_candidate()
    {
        var (release, flow) = WaitingAtExecution();

        Assert.Equal(RefusalReason.NotCandidate, release.Claim(Isaiah, release.Revision, flow, Now)?.Reason);
        Assert.Equal(RefusalReason.NotCandidate, release.Claim(Lynne, release.Revision, flow, Now)?.Reason);
    }

    [Fact]
    public void A_task_held_by_someone_else_is_refused_naming_who_holds_it()
    {
        var (release, flow) = ClaimedByAlex();
        var before = Snapshot(release);

        var refusal = release.Claim(Megan, release.Revision, flow, Now);

        Assert.Equal(RefusalReason.AssignedToOther, refusal?.Reason);
        Assert.Equal("Alex Wilber", refusal?.Who);
        Assert.Equal(before, Snapshot(release));
        Assert.False(release.MayBeClaimedBy(Megan));
    }

    [Fact]
    public void A_claim_from_the_card_shown_before_someone_else_claimed_is_out_of_date()
    {
        var (release, flow) = WaitingAtExecution();
        var seen = release.Revision;
        Assert.Null(release.Claim(Alex, seen, flow, Now));
        var before = Snapshot(release);

        // Megan clicked on the card she saw before Alex claimed: her card is out of date; the current one names Alex.
        var refusal = release.Claim(Megan, seen, flow, Now);

        Assert.Equal(RefusalReason.StaleCard, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
        Assert.Equal("Alex Wilber", release.CurrentTask!.AssigneeName);
    }

    [Fact]
    public void Claiming_twice_is_refused_as_already_yours()
    {
        var (release, flow) = WaitingAtExecution();
        var seen = release.Revision;
        Assert.Null(release.Claim(Alex, seen, flow, Now));
        var before = Snapshot(release);

        // The same click arriving twice (e.g. retried by Teams) is not applied twice.
        var refusal = release.Claim(Alex, seen, flow, Now.AddSeconds(1));

        Assert.Equal(RefusalReason.AlreadyYours, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
        Assert.Single(release.Log, e => e.Occurrence == Occurrence.TaskClaimed && e.StepKey == "execucao");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_claim_from_a_stale_card_is_refused(int offset)
    {
        var (release, flow) = WaitingAtExecution();
        var before = Snapshot(release);

        var refusal = release.Claim(Alex, release.Revision + offset, flow, Now);

        Assert.Equal(RefusalReason.StaleCard, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void Nothing_can_be_claimed_once_the_flow_ended()
    {
        var flow = StandardFlow();
        var release = WalkTo(NewRelease(flow), flow, "encerramento");
        Assert.Null(release.Claim(Lynne, release.Revision, flow, Now));
        Assert.Null(release.SaveAndAdvance(Lynne, release.Revision, Resolved(), flow, Categories(), Now));
        var before = Snapshot(release);

        var refusal = release.Claim(Lynne, release.Revision, flow, Now);

        Assert.Equal(RefusalReason.NoOpenTask, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
        Assert.False(release.MayBeClaimedBy(Lynne));
    }
}
