using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Tests.Cards;

public class CardContextTests
{
    private static readonly DateTimeOffset PlannedStart = new(2026, 11, 26, 22, 0, 0, TimeSpan.Zero);

    private static CardContext Context(string language, TimeSpan? offset) =>
        new(Texts.For(language), new Actor("a", "A", new HashSet<int>()), new ReleaseFlow { ReleaseType = "*" }, new ReleaseBot.Persistence.DeskSetup([], new Dictionary<int, string>(), []), offset);

    [Fact]
    public void Moments_are_shown_in_the_readers_time_zone_and_language() =>
        Assert.Equal("26/11/2026 19:00", Context(Language.PortugueseBrazil, TimeSpan.FromHours(-3)).When(PlannedStart));

    [Fact]
    public void Without_the_readers_offset_moments_are_shown_in_UTC_and_say_so() =>
        Assert.Equal("11/26/2026 10:00\u202FPM UTC", Context(Language.English, null).When(PlannedStart));
}
