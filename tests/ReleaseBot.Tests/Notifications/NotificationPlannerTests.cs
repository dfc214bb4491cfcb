using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using ReleaseBot.Notifications;
using ReleaseBot.Tests.Domain;

namespace ReleaseBot.Tests.Notifications;

/// <summary>What each event announces to subscribers, from events the domain really raises.</summary>
public class NotificationPlannerTests
{
    [Fact]
    public void Resolving_the_execution_announces_resolved_and_resolving_a_later_step_does_not()
    {
        var (release, flow) = Sample.ClaimedByAlex();
        release.ClearEvents();
        Assert.Null(release.SaveAndAdvance(Sample.Alex, release.Revision, Sample.Resolved(), flow, Sample.Categories(), Sample.Now));
        var execution = release.Events.OfType<FlowAdvanced>().Single();
        Assert.Equal(NotificationEvent.FlowAdvanced | NotificationEvent.Resolved, NotificationPlanner.EventOf(execution));

        release.ClearEvents();
        var tester = Sample.MemberFor(release);
        Assert.Null(release.Claim(tester, release.Revision, flow, Sample.Now));
        Assert.Null(release.SaveAndAdvance(tester, release.Revision, Sample.Resolved(), flow, Sample.Categories(), Sample.Now));
        Assert.Equal(ReleaseStatus.Resolvida, release.Status);
        Assert.Equal(NotificationEvent.FlowAdvanced, NotificationPlanner.EventOf(release.Events.OfType<FlowAdvanced>().Single()));
    }

    [Fact]
    public void Sending_a_release_back_announces_not_resolved()
    {
        var (release, flow) = Sample.ClaimedByAlex();
        release.ClearEvents();
        Assert.Null(release.SaveAndAdvance(Sample.Alex, release.Revision, Sample.NotResolved(), flow, Sample.Categories(), Sample.Now));
        Assert.Equal(NotificationEvent.FlowAdvanced | NotificationEvent.NotResolved, NotificationPlanner.EventOf(release.Events.OfType<FlowAdvanced>().Single()));
    }

    [Fact]
    public void Claims_and_saves_announce_themselves_and_links_announce_nothing()
    {
        var (release, flow) = Sample.WaitingAtExecution();
        release.ClearEvents();
        Assert.Null(release.Claim(Sample.Alex, release.Revision, flow, Sample.Now));
        Assert.Null(release.SaveAndKeep(Sample.Alex, release.Revision, Sample.Resolved(), flow, Sample.Categories(), Sample.Now));
        Assert.Null(release.Link(Sample.Alex, release.Revision, LinkKind.Problem, Sample.Problem, null, Sample.Now));
        Assert.Equal([NotificationEvent.TaskAssigned, NotificationEvent.ExecutionSaved, NotificationEvent.None], release.Events.Select(NotificationPlanner.EventOf));
    }
}
