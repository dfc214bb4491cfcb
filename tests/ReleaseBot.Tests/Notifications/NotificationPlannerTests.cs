using ReleaseBot.Domain;
using ReleaseBot.Notifications;

namespace ReleaseBot.Tests.Notifications;

public class NotificationPlannerTests
{
    private static ExecutionLogEntry Advance(ExecutionSituation situation) =>
        new() { ActorAadId = "a", ActorName = "A", StepKey = "x", Occurrence = Occurrence.FlowAdvanced, Situation = situation };

    [Theory]
    [InlineData(ReleaseStatus.EmExecucao, ReleaseStatus.Resolvida, ExecutionSituation.Resolvida, NotificationEvent.FlowAdvanced | NotificationEvent.Resolved)]
    [InlineData(ReleaseStatus.Resolvida, ReleaseStatus.Resolvida, ExecutionSituation.Resolvida, NotificationEvent.FlowAdvanced)]
    [InlineData(ReleaseStatus.Registrada, ReleaseStatus.Aprovada, ExecutionSituation.Resolvida, NotificationEvent.FlowAdvanced)]
    [InlineData(ReleaseStatus.Resolvida, ReleaseStatus.NaoResolvida, ExecutionSituation.NaoResolvida, NotificationEvent.FlowAdvanced | NotificationEvent.NotResolved)]
    [InlineData(ReleaseStatus.NaoResolvida, ReleaseStatus.NaoResolvida, ExecutionSituation.NaoResolvida, NotificationEvent.FlowAdvanced | NotificationEvent.NotResolved)]
    public void Resolved_is_announced_only_when_the_release_becomes_resolved(ReleaseStatus before, ReleaseStatus after, ExecutionSituation outcome, NotificationEvent expected) =>
        Assert.Equal(expected, NotificationPlanner.EventOf(Advance(outcome), before, after));
}
