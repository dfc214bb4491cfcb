using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Tests.Cards;

public class CardContextTests
{
    private static readonly DateTimeOffset PlannedStart = new(2026, 11, 26, 22, 0, 0, TimeSpan.Zero);

    private static CardContext Context(string language, ReaderZone? zone) =>
        new(Texts.For(language), new Actor("a", "A", new HashSet<int>()), new ReleaseFlow { ReleaseType = "*" }, new ReleaseBot.Persistence.DeskSetup([], new Dictionary<int, string>(), []), zone);

    [Fact]
    public void Moments_are_shown_in_the_readers_named_time_zone_and_language() =>
        // The zone's name is card text: its "_" is escaped, and renders as typed.
        Assert.Equal("26/11/2026 19:00 (America/Sao_Paulo)",
            Context(Language.PortugueseBrazil, ReaderZone.Of("America/Sao_Paulo", new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.FromHours(-3)))).When(PlannedStart));

    [Fact]
    public void A_named_zone_follows_its_daylight_saving_time() =>
        // New York is on UTC−05:00 in November and on UTC−04:00 in July.
        Assert.Equal("11/26/2026 5:00\u202FPM (America/New_York) · 7/1/2026 6:00\u202FPM (America/New_York)",
            $"{Context(Language.English, ReaderZone.Of("America/New_York", null)).When(PlannedStart)} · {Context(Language.English, ReaderZone.Of("America/New_York", null)).When(new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero))}");

    [Fact]
    public void Without_a_zone_name_the_offset_of_the_clients_timestamp_is_the_zone_and_is_named() =>
        Assert.Equal("26/11/2026 19:00 (UTC\u221203:00)", Context(Language.PortugueseBrazil, ReaderZone.Of(null, new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.FromHours(-3)))).When(PlannedStart));

    [Theory]
    [InlineData("Nowhere/Atlantis")]
    [InlineData("../../etc/passwd")]
    [InlineData("America/Sao_Paulo ** [x](https://evil.example)")]
    public void A_zone_name_this_machine_does_not_know_gives_way_to_the_offset(string name) =>
        Assert.Equal("UTC+05:30", ReaderZone.Of(name, new DateTimeOffset(2026, 11, 27, 3, 30, 0, TimeSpan.FromMinutes(330))).Name);

    [Fact]
    public void Without_the_readers_zone_moments_are_shown_in_UTC_and_say_so()
    {
        Assert.Equal("11/26/2026 10:00\u202FPM (UTC)", Context(Language.English, null).When(PlannedStart));
        Assert.Equal("UTC", ReaderZone.Of(null, null).Name);
        Assert.Equal("UTC", ReaderZone.Of("", new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero)).Name);
    }

    [Theory]
    [InlineData("America/Sao_Paulo", "America/Sao_Paulo")]
    [InlineData("UTC+05:30", "UTC+05:30")]
    [InlineData("UTC\u221203:00", "UTC\u221203:00")]
    [InlineData("UTC", "UTC")]
    [InlineData("UTC+99:00", "UTC")]
    [InlineData("Not/AZone", "UTC")]
    [InlineData(null, "UTC")]
    public void A_zone_named_as_cards_name_it_is_that_zone_again(string? name, string expected)
    {
        var zone = ReaderZone.Named(name);
        Assert.Equal(expected, zone.Name);
        if (expected == name && name != "UTC" && !name!.Contains('/'))
            Assert.Equal(ReaderZone.Of(null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, name[3] == '+' ? TimeSpan.FromMinutes(330) : TimeSpan.FromHours(-3))).ToLocal(DateTimeOffset.UnixEpoch),
                zone.ToLocal(DateTimeOffset.UnixEpoch));
    }
}
