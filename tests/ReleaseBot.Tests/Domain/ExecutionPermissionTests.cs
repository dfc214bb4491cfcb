using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

/// <summary>Only the person who holds the current task, and still belongs to its group, may execute it.</summary>
public class ExecutionPermissionTests
{
    public enum Act { SaveAndKeep, SaveAndAdvance, Link, Unlink }

    private static Refusal? Do(Act act, ReleaseRequest release, ReleaseFlow flow, Actor actor) => act switch
    {
        Act.SaveAndKeep => release.SaveAndKeep(actor, release.Revision, Resolved(), flow, Categories(), Now),
        Act.SaveAndAdvance => release.SaveAndAdvance(actor, release.Revision, Resolved(), flow, Categories(), Now),
        Act.Link => release.Link(actor, release.Revision, LinkKind.Problem, Problem, null, Now),
        _ => release.Unlink(actor, release.Revision, 501, Now),
    };

    /// <summary>A release at execucao with one saved link (id 501), its task held by <paramref name="holder"/> or by nobody.</summary>
    private static (ReleaseRequest, ReleaseFlow) Release(Actor? holder)
    {
        var (release, flow) = ClaimedByAlex();
        Assert.Null(release.Link(Alex, release.Revision, LinkKind.Knowledge, Article, null, Now));
        release.Links[^1].Id = 501;
        if (holder is null)
        {
            // Back to the group: not resolved, and the new execution task waits unassigned.
            Assert.Null(release.SaveAndAdvance(Alex, release.Revision, NotResolved(), flow, Categories(), Now));
        }
        else if (holder != Alex)
        {
            Assert.Null(release.SaveAndAdvance(Alex, release.Revision, NotResolved(), flow, Categories(), Now));
            Assert.Null(release.Claim(holder, release.Revision, flow, Now));
        }
        return (release, flow);
    }

    [Theory]
    [InlineData(Act.SaveAndKeep)]
    [InlineData(Act.SaveAndAdvance)]
    [InlineData(Act.Link)]
    [InlineData(Act.Unlink)]
    public void The_assignee_may_act(Act act)
    {
        var (release, flow) = Release(Alex);
        var revision = release.Revision;

        Assert.Null(Do(act, release, flow, Alex));
        Assert.True(release.Revision > revision);
    }

    [Theory]
    [InlineData(Act.SaveAndKeep)]
    [InlineData(Act.SaveAndAdvance)]
    [InlineData(Act.Link)]
    [InlineData(Act.Unlink)]
    public void Nobody_may_act_on_an_unassigned_task(Act act)
    {
        var (release, flow) = Release(holder: null);
        var before = Snapshot(release);

        Assert.False(release.MayBeExecutedBy(Alex));
        Assert.Equal(RefusalReason.NotAssignee, Do(act, release, flow, Alex)?.Reason);
        Assert.Equal(RefusalReason.NotAssignee, Do(act, release, flow, Megan)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Theory]
    [InlineData(Act.SaveAndKeep)]
    [InlineData(Act.SaveAndAdvance)]
    [InlineData(Act.Link)]
    [InlineData(Act.Unlink)]
    public void A_group_member_may_not_act_on_a_task_someone_else_holds(Act act)
    {
        var (release, flow) = Release(Megan);
        var before = Snapshot(release);

        var refusal = Do(act, release, flow, Alex);

        Assert.Equal(RefusalReason.AssignedToOther, refusal?.Reason);
        Assert.Equal("Megan Bowen", refusal?.Who);
        Assert.Equal(before, Snapshot(release));
        Assert.False(release.MayBeExecutedBy(Alex));
        Assert.True(release.MayBeExecutedBy(Megan));
    }

    [Theory]
    [InlineData(Act.SaveAndKeep)]
    [InlineData(Act.SaveAndAdvance)]
    [InlineData(Act.Link)]
    [InlineData(Act.Unlink)]
    public void An_outsider_is_told_first_that_they_are_not_in_the_group(Act act)
    {
        var (release, flow) = Release(Alex);
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.NotCandidate, Do(act, release, flow, Adele)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Theory]
    [InlineData(Act.SaveAndKeep)]
    [InlineData(Act.SaveAndAdvance)]
    [InlineData(Act.Link)]
    [InlineData(Act.Unlink)]
    public void The_assignee_who_left_the_group_may_no_longer_act(Act act)
    {
        var (release, flow) = Release(Alex);
        var before = Snapshot(release);

        Assert.False(release.MayBeExecutedBy(AlexWithoutGroups));
        Assert.Equal(RefusalReason.NotCandidate, Do(act, release, flow, AlexWithoutGroups)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Theory]
    [InlineData(Act.SaveAndKeep)]
    [InlineData(Act.SaveAndAdvance)]
    [InlineData(Act.Link)]
    [InlineData(Act.Unlink)]
    public void The_assignee_acting_on_a_stale_card_is_refused(Act act)
    {
        var (release, flow) = Release(Alex);
        var before = Snapshot(release);
        var stale = release.Revision - 1;

        var refusal = act switch
        {
            Act.SaveAndKeep => release.SaveAndKeep(Alex, stale, Resolved(), flow, Categories(), Now),
            Act.SaveAndAdvance => release.SaveAndAdvance(Alex, stale, Resolved(), flow, Categories(), Now),
            Act.Link => release.Link(Alex, stale, LinkKind.Problem, Problem, null, Now),
            _ => release.Unlink(Alex, stale, 501, Now),
        };

        Assert.Equal(RefusalReason.StaleCard, refusal?.Reason);
        Assert.Equal(before, Snapshot(release));
    }
}
