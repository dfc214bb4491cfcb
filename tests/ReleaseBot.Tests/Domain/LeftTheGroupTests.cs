using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class LeftTheGroupTests
{
    [Fact]
    public void An_assignee_who_left_the_group_is_told_so_when_confirming_again_not_that_the_task_is_theirs()
    {
        var (release, flow) = ClaimedByAlex();
        var before = Snapshot(release);

        var refusal = release.Claim(AlexWithoutGroups, release.Revision, flow, Now);

        Assert.Equal(RefusalReason.NotCandidate, refusal?.Reason);
        Assert.Equal(RefusalReason.NotCandidate, release.WhyNotExecutableBy(AlexWithoutGroups)?.Reason);
        Assert.False(release.MayBeExecutedBy(AlexWithoutGroups));
        Assert.Equal(before, Snapshot(release));
    }
}
