using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class LinkTests
{
    public static TheoryData<LinkKind, int, string?, string> Links => new()
    {
        { LinkKind.Problem, 11, null, "PRB-2001 · Timeouts on the payments API" },
        { LinkKind.Knowledge, 21, null, "KB-3001 · Rolling back a deployment" },
        { LinkKind.DefinitiveMedia, 31, null, "DML-4001 · payments-api 2.4.0" },
        { LinkKind.Role, 41, "  Release coordinator ", "Megan Bowen — Release coordinator" },
    };

    private static LinkableItem Item(int id) => new[] { Problem, Article, Media, PersonMegan }.Single(i => i.Id == id);

    [Theory]
    [MemberData(nameof(Links))]
    public void Each_kind_of_item_is_linked_and_logged(LinkKind kind, int itemId, string? role, string subject)
    {
        var (release, flow) = ClaimedByAlex();
        var revision = release.Revision;
        var logCount = release.Log.Count;
        var at = Now.AddMinutes(7);

        Assert.Null(release.Link(Alex, revision, kind, Item(itemId), role, at));

        var link = Assert.Single(release.Links);
        Assert.Equal(kind, link.Kind);
        Assert.Equal(itemId, link.ItemId);
        Assert.Same(Item(itemId), link.Item);
        Assert.Equal(role?.Trim(), link.Role);
        Assert.Equal(at, link.LinkedAt);
        Assert.Equal(Alex.Name, link.LinkedBy);
        Assert.Equal(revision + 1, release.Revision);
        Assert.Equal(logCount + 1, release.Log.Count);
        var entry = release.Log[^1];
        Assert.Equal(Occurrence.ItemLinked, entry.Occurrence);
        Assert.Equal(subject, entry.Subject);
        Assert.Equal("execucao", entry.StepKey);
        Assert.Equal(Alex.AadObjectId, entry.ActorAadId);
        Assert.Equal(Alex.AadObjectId, release.CurrentTask!.AssigneeAadId);
        Assert.Equal(flow.Step("execucao").Key, release.CurrentTask.StepKey);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public void Each_kind_of_link_is_unlinked_and_logged(LinkKind kind, int itemId, string? role, string subject)
    {
        var (release, _) = ClaimedByAlex();
        Assert.Null(release.Link(Alex, release.Revision, LinkKind.Problem, Problem, null, Now));
        release.Links[^1].Id = 100;
        if (kind != LinkKind.Problem)
        {
            Assert.Null(release.Link(Alex, release.Revision, kind, Item(itemId), role, Now));
            release.Links[^1].Id = 200;
        }
        var linkId = kind == LinkKind.Problem ? 100 : 200;
        var revision = release.Revision;
        var count = release.Links.Count;

        Assert.Null(release.Unlink(Alex, revision, linkId, Now));

        Assert.Equal(count - 1, release.Links.Count);
        Assert.DoesNotContain(release.Links, l => l.Id == linkId);
        Assert.Equal(revision + 1, release.Revision);
        var entry = release.Log[^1];
        Assert.Equal(Occurrence.ItemUnlinked, entry.Occurrence);
        Assert.Equal(subject, entry.Subject);
        Assert.Equal("execucao", entry.StepKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_role_link_needs_a_role(string? role)
    {
        var (release, _) = ClaimedByAlex();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.InvalidRole, release.Link(Alex, release.Revision, LinkKind.Role, PersonMegan, role, Now)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void A_role_may_have_100_characters_but_not_more()
    {
        var (release, _) = ClaimedByAlex();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.InvalidRole,
            release.Link(Alex, release.Revision, LinkKind.Role, PersonMegan, new string('r', ReleaseRequest.MaxRoleLength + 1), Now)?.Reason);
        Assert.Equal(before, Snapshot(release));

        Assert.Null(release.Link(Alex, release.Revision, LinkKind.Role, PersonMegan, " " + new string('r', ReleaseRequest.MaxRoleLength) + " ", Now));
        Assert.Equal(ReleaseRequest.MaxRoleLength, release.Links[^1].Role?.Length);
    }

    [Theory]
    [InlineData(LinkKind.Problem)]
    [InlineData(LinkKind.Knowledge)]
    [InlineData(LinkKind.DefinitiveMedia)]
    public void Only_role_links_keep_a_role(LinkKind kind)
    {
        var (release, _) = ClaimedByAlex();
        var item = kind switch { LinkKind.Problem => Problem, LinkKind.Knowledge => Article, _ => Media };

        Assert.Null(release.Link(Alex, release.Revision, kind, item, "ignored", Now));

        Assert.Null(release.Links[^1].Role);
    }

    [Theory]
    [InlineData(LinkKind.Problem, 21)]
    [InlineData(LinkKind.Knowledge, 31)]
    [InlineData(LinkKind.DefinitiveMedia, 11)]
    [InlineData(LinkKind.Role, 11)]
    [InlineData(LinkKind.Problem, 41)]
    public void An_item_of_another_catalog_is_not_found(LinkKind kind, int itemId)
    {
        var (release, _) = ClaimedByAlex();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.ItemNotFound, release.Link(Alex, release.Revision, kind, Item(itemId), "Coordinator", Now)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void A_missing_item_is_not_found()
    {
        var (release, _) = ClaimedByAlex();
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.ItemNotFound, release.Link(Alex, release.Revision, LinkKind.Problem, null, null, Now)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Theory]
    [MemberData(nameof(Links))]
    public void The_same_item_is_not_linked_twice(LinkKind kind, int itemId, string? role, string subject)
    {
        var (release, _) = ClaimedByAlex();
        Assert.Null(release.Link(Alex, release.Revision, kind, Item(itemId), role, Now));
        Assert.Equal(subject, release.Log[^1].Subject);
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.AlreadyLinked, release.Link(Alex, release.Revision, kind, Item(itemId), role?.ToUpperInvariant(), Now)?.Reason);
        Assert.Equal(before, Snapshot(release));
    }

    [Fact]
    public void A_person_may_hold_two_different_roles()
    {
        var (release, _) = ClaimedByAlex();
        Assert.Null(release.Link(Alex, release.Revision, LinkKind.Role, PersonMegan, "Coordinator", Now));

        Assert.Null(release.Link(Alex, release.Revision, LinkKind.Role, PersonMegan, "Tester", Now));

        Assert.Equal(["Coordinator", "Tester"], release.Links.Select(l => l.Role));
    }

    [Fact]
    public void Unlinking_an_unknown_link_is_refused()
    {
        var (release, _) = ClaimedByAlex();
        Assert.Null(release.Link(Alex, release.Revision, LinkKind.Problem, Problem, null, Now));
        release.Links[^1].Id = 100;
        var before = Snapshot(release);

        Assert.Equal(RefusalReason.LinkNotFound, release.Unlink(Alex, release.Revision, 999, Now)?.Reason);
        Assert.Equal(before, Snapshot(release));
        Assert.Single(release.Links);
    }
}
