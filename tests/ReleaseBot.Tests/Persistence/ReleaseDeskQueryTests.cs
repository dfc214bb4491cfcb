using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Persistence;

/// <summary>What the conversation reads: search, "my releases", the execution log. Read-only, so one database for the class.</summary>
public class ReleaseDeskQueryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<T> WithDeskAsync<T>(Func<ReleaseDesk, Task<T>> query)
    {
        var (desk, db) = database.NewDesk();
        await using (db) return await query(desk);
    }

    private async Task<List<ReleaseRequest>> AllReleasesAsync()
    {
        await using var db = database.NewDb();
        return await db.Releases.AsNoTracking().Include(r => r.Tasks).ToListAsync();
    }

    private static List<string> Keys(ReleasePage page) => page.Releases.Select(r => r.Key).ToList();

    [Theory]
    [InlineData("rel-1001", "REL-1001")]
    [InlineData("  REL-1001 ", "REL-1001")]
    [InlineData("payments API", "REL-1001")]
    [InlineData("ORDER worker", "REL-1002")]
    [InlineData("Memory LEAK", "REL-1002")]
    [InlineData("retry policy", "REL-1001")]
    [InlineData("EXPIRING tls", "REL-1010")]
    public async Task Search_finds_by_key_title_or_description_ignoring_case(string text, string key)
    {
        var page = await WithDeskAsync(desk => desk.SearchAsync(text, 1));

        Assert.Equal([key], Keys(page));
        Assert.Equal(1, page.Page);
        Assert.Equal(1, page.PageCount);
    }

    [Fact]
    public async Task Search_by_a_common_part_of_the_key_finds_all_of_them()
    {
        var all = await AllReleasesAsync();

        var page = await WithDeskAsync(desk => desk.SearchAsync("rel-100", 1));

        var expected = all.Count(r => r.Key.StartsWith("REL-100"));
        Assert.True(expected >= 9);
        Assert.Equal(ReleaseDesk.ReleasesPerPage, page.Releases.Count);
        Assert.Equal((expected + 5) / 6, page.PageCount);
    }

    [Fact]
    public async Task Search_without_a_match_is_one_empty_page()
    {
        var page = await WithDeskAsync(desk => desk.SearchAsync("no such release", 3));

        Assert.Empty(page.Releases);
        Assert.Equal(1, page.Page);
        Assert.Equal(1, page.PageCount);
    }

    [Fact]
    public async Task Search_pages_six_at_a_time_by_priority_then_key()
    {
        var all = await AllReleasesAsync();
        var expected = all.OrderBy(r => r.Priority).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).ToList();
        var pageCount = (all.Count + ReleaseDesk.ReleasesPerPage - 1) / ReleaseDesk.ReleasesPerPage;

        var pages = new List<ReleasePage>();
        for (var page = 1; page <= pageCount; page++)
            pages.Add(await WithDeskAsync(desk => desk.SearchAsync(null, page)));

        Assert.Equal(6, ReleaseDesk.ReleasesPerPage);
        Assert.True(pageCount >= 2);
        Assert.All(pages, p => Assert.Equal(pageCount, p.PageCount));
        Assert.Equal(Enumerable.Range(1, pageCount), pages.Select(p => p.Page));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(6, p.Releases.Count));
        Assert.Equal(expected, pages.SelectMany(Keys));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-4, false)]
    [InlineData(99, true)]
    public async Task A_page_out_of_range_gives_the_nearest_page(int asked, bool last)
    {
        var first = await WithDeskAsync(desk => desk.SearchAsync("", 1));
        var final = await WithDeskAsync(desk => desk.SearchAsync("", first.PageCount));

        var page = await WithDeskAsync(desk => desk.SearchAsync("", asked));

        var nearest = last ? final : first;
        Assert.Equal(last ? first.PageCount : 1, page.Page);
        Assert.Equal(Keys(nearest), Keys(page));
        Assert.NotEqual(Keys(first), Keys(final));
    }

    [Fact]
    public async Task Pages_carry_only_the_open_task_of_each_release()
    {
        var page = await WithDeskAsync(desk => desk.SearchAsync("REL-1005", 1));

        var release = Assert.Single(page.Releases);
        var task = Assert.Single(release.Tasks);
        Assert.True(task.IsOpen);
        Assert.Equal("teste", task.StepKey);
    }

    [Fact]
    public async Task Find_with_history_gives_the_whole_release_whatever_the_case_of_the_key()
    {
        var release = await WithDeskAsync(desk => desk.FindWithHistoryAsync("rel-1008"));

        Assert.NotNull(release);
        Assert.Equal("REL-1008", release.Key);
        Assert.Equal(6, release.Tasks.Count);
        Assert.Equal(await WithDeskAsync(async desk => (await desk.SetupAsync()).GroupNames.Single(g => g.Value == "Release Engineers").Key), release.ExecutorGroupId);
        Assert.Null(await WithDeskAsync(desk => desk.FindWithHistoryAsync("REL-0000")));
    }

    [Fact]
    public async Task Find_gives_the_release_as_its_card_shows_it_with_its_open_and_last_finished_tasks_whatever_the_case_of_the_key()
    {
        var whole = (await WithDeskAsync(desk => desk.FindWithHistoryAsync("REL-1007")))!;

        var release = await WithDeskAsync(desk => desk.FindAsync("rel-1007"));

        Assert.NotNull(release);
        Assert.Equal("REL-1007", release.Key);
        Assert.Equal(whole.Links.Select(l => l.Id).Order(), release.Links.Select(l => l.Id).Order());
        Assert.Equal(6, whole.Tasks.Count);
        var lastFinished = whole.Tasks.Where(t => !t.IsOpen).MaxBy(t => t.FinishedAt)!;
        Assert.Equal([lastFinished.Id, whole.CurrentTask!.Id], release.Tasks.Select(t => t.Id).Order());
        Assert.Equal(lastFinished.Id, release.LatestClosure?.Id);
        Assert.Null(await WithDeskAsync(desk => desk.FindAsync("REL-0000")));
    }

    [Fact]
    public async Task Alex_sees_the_unassigned_tasks_of_his_groups_and_not_the_tasks_of_others()
    {
        var alex = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        var all = await AllReleasesAsync();
        var expected = all
            .Where(r => r.CurrentTask is { } t && (t.AssigneeAadId == alex.AadObjectId || (t.AssigneeAadId is null && alex.IsMemberOf(t.CandidateGroupId))))
            .OrderBy(r => r.Priority).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).ToList();

        var mine = await WithDeskAsync(desk => desk.MineAsync(alex, 1));

        Assert.Contains("REL-1001", Keys(mine));
        Assert.DoesNotContain("REL-1002", Keys(mine)); // Megan holds it
        Assert.DoesNotContain("REL-1004", Keys(mine)); // waits for another group
        Assert.DoesNotContain("REL-1008", Keys(mine)); // closed
        Assert.True(expected.Count <= ReleaseDesk.ReleasesPerPage);
        Assert.Equal(expected, Keys(mine));
        Assert.Equal(1, mine.PageCount);
    }

    [Fact]
    public async Task Megan_sees_the_task_she_holds_and_Adele_sees_nothing()
    {
        var megan = await database.ActorAsync(DemoData.MeganBowen, "Megan Bowen");
        var adele = await database.ActorAsync(DemoData.AdeleVance, "Adele Vance");

        var megans = await WithDeskAsync(desk => desk.MineAsync(megan, 1));
        var adeles = await WithDeskAsync(desk => desk.MineAsync(adele, 1));

        var all = new List<string>();
        for (var page = 1; page <= megans.PageCount; page++)
            all.AddRange(Keys(await WithDeskAsync(desk => desk.MineAsync(megan, page))));
        Assert.Contains("REL-1002", all);
        Assert.Contains("REL-1001", all);
        Assert.Empty(adeles.Releases);
        Assert.Equal(1, adeles.PageCount);
    }

    [Fact]
    public async Task The_log_is_newest_first_eight_per_page()
    {
        var release = (await AllReleasesAsync()).Single(r => r.Key == "REL-1008");
        await using var db = database.NewDb();
        var stored = await db.ExecutionLog.Where(e => e.ReleaseId == release.Id).Select(e => e.Id).ToListAsync();
        var pageCount = (stored.Count + ReleaseDesk.LogEntriesPerPage - 1) / ReleaseDesk.LogEntriesPerPage;
        Assert.True(pageCount >= 2, $"{stored.Count} entries");

        var pages = new List<LogPage>();
        for (var page = 1; page <= pageCount; page++)
            pages.Add(await WithDeskAsync(desk => desk.LogAsync(release.Id, page)));

        Assert.Equal(8, ReleaseDesk.LogEntriesPerPage);
        Assert.All(pages, p => Assert.Equal(pageCount, p.PageCount));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(8, p.Entries.Count));
        var entries = pages.SelectMany(p => p.Entries).ToList();
        Assert.All(entries, e => Assert.Equal(release.Id, e.ReleaseId));
        Assert.Equal(stored.OrderByDescending(id => id), entries.Select(e => e.Id));
        Assert.Equal(entries.Select(e => e.At).OrderDescending(), entries.Select(e => e.At));
        Assert.Equal(Occurrence.FlowAdvanced, entries[0].Occurrence);
        Assert.Equal("encerramento", entries[0].StepKey);
        Assert.Equal(Occurrence.TaskClaimed, entries[^1].Occurrence);
        Assert.Equal("registro", entries[^1].StepKey);

        var beyond = await WithDeskAsync(desk => desk.LogAsync(release.Id, pageCount + 5));
        Assert.Equal(pageCount, beyond.Page);
        Assert.Equal(pages[^1].Entries.Select(e => e.Id), beyond.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task A_release_without_a_log_has_one_empty_page()
    {
        var page = await WithDeskAsync(desk => desk.LogAsync(-1, 2));

        Assert.Empty(page.Entries);
        Assert.Equal(1, page.Page);
        Assert.Equal(1, page.PageCount);
    }
}
