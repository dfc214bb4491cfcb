using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

/// <summary>
/// A refusal gives the reason a person can act on first: the card is out of date; you are not in the group; someone
/// else holds the task; confirm the assignment first. A second claim by the person who holds the task is information.
/// </summary>
public class RefusalOrderTests
{
    public enum Act { Claim, Save, View }

    /// <summary>A release at execucao (the executor group: Engineers), its task held by <paramref name="holder"/> ("nobody", "Alex", "Megan"), or its flow ended ("ended").</summary>
    private static (ReleaseRequest, ReleaseFlow) Release(string holder)
    {
        if (holder == "ended")
        {
            var standard = StandardFlow();
            var ended = WalkTo(NewRelease(standard), standard, "encerramento");
            Assert.Null(ended.Claim(Lynne, ended.Revision, standard, Now));
            Assert.Null(ended.SaveAndAdvance(Lynne, ended.Revision, Resolved(), standard, Categories(), Now));
            return (ended, standard);
        }
        var (release, flow) = WaitingAtExecution();
        if (holder != "nobody") Assert.Null(release.Claim(holder == "Alex" ? Alex : Megan, release.Revision, flow, Now));
        return (release, flow);
    }

    private static Actor ActorNamed(string name) => name switch
    {
        "Alex" => Alex,
        "Adele" => Adele,
        "Lynne" => Lynne,
        _ => AlexWithoutGroups,
    };

    [Theory]
    // Claiming ("Confirm" on the assignment card).
    [InlineData(Act.Claim, "nobody", "Alex", false, null)]
    [InlineData(Act.Claim, "nobody", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.Claim, "nobody", "Adele", false, RefusalReason.NotCandidate)]
    [InlineData(Act.Claim, "nobody", "Adele", true, RefusalReason.StaleCard)]
    [InlineData(Act.Claim, "Megan", "Alex", false, RefusalReason.AssignedToOther)]
    [InlineData(Act.Claim, "Megan", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.Claim, "Megan", "Adele", false, RefusalReason.NotCandidate)]
    [InlineData(Act.Claim, "Megan", "Adele", true, RefusalReason.StaleCard)]
    [InlineData(Act.Claim, "Alex", "Alex", false, RefusalReason.AlreadyYours)]
    [InlineData(Act.Claim, "Alex", "Alex", true, RefusalReason.AlreadyYours)]
    [InlineData(Act.Claim, "Alex", "AlexWithoutGroups", false, RefusalReason.NotCandidate)]
    [InlineData(Act.Claim, "Alex", "AlexWithoutGroups", true, RefusalReason.StaleCard)]
    [InlineData(Act.Claim, "ended", "Lynne", false, RefusalReason.NoOpenTask)]
    [InlineData(Act.Claim, "ended", "Lynne", true, RefusalReason.StaleCard)]
    // Saving the closing area (and likewise linking and unlinking).
    [InlineData(Act.Save, "nobody", "Alex", false, RefusalReason.NotAssignee)]
    [InlineData(Act.Save, "nobody", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.Save, "nobody", "Adele", false, RefusalReason.NotCandidate)]
    [InlineData(Act.Save, "nobody", "Adele", true, RefusalReason.StaleCard)]
    [InlineData(Act.Save, "Megan", "Alex", false, RefusalReason.AssignedToOther)]
    [InlineData(Act.Save, "Megan", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.Save, "Megan", "Adele", false, RefusalReason.NotCandidate)]
    [InlineData(Act.Save, "Megan", "Adele", true, RefusalReason.StaleCard)]
    [InlineData(Act.Save, "Alex", "Alex", false, null)]
    [InlineData(Act.Save, "Alex", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.Save, "Alex", "AlexWithoutGroups", false, RefusalReason.NotCandidate)]
    [InlineData(Act.Save, "Alex", "AlexWithoutGroups", true, RefusalReason.StaleCard)]
    [InlineData(Act.Save, "ended", "Lynne", false, RefusalReason.NoOpenTask)]
    [InlineData(Act.Save, "ended", "Lynne", true, RefusalReason.StaleCard)]
    // Opening the closing area or the link card ("Execute", "Link items"): an old card is no reason for the assignee.
    [InlineData(Act.View, "nobody", "Alex", false, RefusalReason.NotAssignee)]
    [InlineData(Act.View, "nobody", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.View, "nobody", "Adele", false, RefusalReason.NotCandidate)]
    [InlineData(Act.View, "nobody", "Adele", true, RefusalReason.StaleCard)]
    [InlineData(Act.View, "Megan", "Alex", false, RefusalReason.AssignedToOther)]
    [InlineData(Act.View, "Megan", "Alex", true, RefusalReason.StaleCard)]
    [InlineData(Act.View, "Megan", "Adele", false, RefusalReason.NotCandidate)]
    [InlineData(Act.View, "Megan", "Adele", true, RefusalReason.StaleCard)]
    [InlineData(Act.View, "Alex", "Alex", false, null)]
    [InlineData(Act.View, "Alex", "Alex", true, null)]
    [InlineData(Act.View, "Alex", "AlexWithoutGroups", false, RefusalReason.NotCandidate)]
    [InlineData(Act.View, "Alex", "AlexWithoutGroups", true, RefusalReason.StaleCard)]
    [InlineData(Act.View, "ended", "Lynne", false, RefusalReason.NoOpenTask)]
    [InlineData(Act.View, "ended", "Lynne", true, RefusalReason.StaleCard)]
    public void The_first_reason_is_the_one_a_person_can_act_on_first(Act act, string holder, string actorName, bool staleCard, RefusalReason? expected)
    {
        var (release, flow) = Release(holder);
        var actor = ActorNamed(actorName);
        var seen = staleCard ? release.Revision - 1 : release.Revision;
        var before = Snapshot(release);

        var refusal = act switch
        {
            Act.Claim => release.Claim(actor, seen, flow, Now),
            Act.Save => release.SaveAndKeep(actor, seen, Resolved(), flow, Categories(), Now),
            _ => release.WhyNotViewableBy(actor, seen),
        };

        Assert.Equal(expected, refusal?.Reason);
        if (refusal is not null) Assert.Equal(before, Snapshot(release));
        if (expected == RefusalReason.AssignedToOther) Assert.Equal("Megan Bowen", refusal?.Who);
    }

    [Fact]
    public void Without_a_card_the_reasons_keep_their_order()
    {
        var (waiting, _) = Release("nobody");
        var (held, _) = Release("Megan");

        Assert.Equal(RefusalReason.NotCandidate, waiting.WhyNotExecutableBy(Adele)?.Reason);
        Assert.Equal(RefusalReason.NotAssignee, waiting.WhyNotExecutableBy(Alex)?.Reason);
        Assert.Equal(RefusalReason.NotCandidate, held.WhyNotExecutableBy(Adele)?.Reason);
        Assert.Equal(RefusalReason.AssignedToOther, held.WhyNotExecutableBy(Alex)?.Reason);
        Assert.Null(held.WhyNotExecutableBy(Megan));
    }

    [Fact]
    public void An_old_execution_form_after_the_flow_moved_to_a_group_the_person_is_not_in_is_out_of_date()
    {
        var (release, flow) = ClaimedByAlex();
        var formRevision = release.Revision;
        Assert.Null(release.SaveAndAdvance(Alex, formRevision, Resolved(), flow, Categories(), Now));
        Assert.Equal("teste", release.CurrentTask!.StepKey);

        var refusal = release.SaveAndKeep(Alex, formRevision, Resolved(), flow, Categories(), Now);

        Assert.Equal(RefusalReason.StaleCard, refusal?.Reason);
        // Without the card, the reason would be the group: the card comes first.
        Assert.Equal(RefusalReason.NotCandidate, release.WhyNotExecutableBy(Alex)?.Reason);
    }
}
