using System.Globalization;
using System.Resources;
using ReleaseBot.Domain;
using ReleaseBot.Features;
using ReleaseBot.Localization;
using ReleaseBot.Notifications;

namespace ReleaseBot.Tests.Architecture;

/// <summary>Every text key the code builds at run time ("status." + a status, …) exists in both languages, not by fallback.</summary>
public class TextKeyTests
{
    private static readonly ResourceManager Resources = new("ReleaseBot.Localization.Strings", typeof(Texts).Assembly);

    public static TheoryData<string> BuiltKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        void Add<T>(string prefix, Func<T, string>? name = null, Func<T, bool>? when = null) where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>().Where(v => when?.Invoke(v) ?? true)) keys.Add(prefix + (name?.Invoke(value) ?? value.ToString()));
        }
        Add<ReleaseStatus>("status.");
        Add<RefusalReason>("refusal.", when: r => r != RefusalReason.ReleaseNotFound);
        Add<LinkKind>("kind.");
        Add<CatalogKind>("kind.", when: k => k != CatalogKind.Person);
        Add<NotificationEvent>("event.", when: e => e is not (NotificationEvent.None or NotificationEvent.All));
        Add<FormProblem>("problem.");
        Add<ClosureField>("field.");
        Add<ExecutionSituation>("situation.");
        Add<Level>("level.");
        Add<Level>("urgency."); // urgência is feminine: its own words in Portuguese
        Add<Occurrence>("occurrence.", when: o => o != Occurrence.FlowAdvanced);
        keys.Add("occurrence.FlowAdvanced");
        keys.Add("occurrence.FlowEnded");
        Add<CommandKind>("help.", k => k.ToString().ToLowerInvariant(), k => k != CommandKind.Unknown);
        return new TheoryData<string>(keys);
    }

    [Theory]
    [MemberData(nameof(BuiltKeys))]
    public void The_key_exists_in_English_and_in_Portuguese(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.GetString(key)), $"'{key}' is missing in Strings.resx");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetResourceSet(CultureInfo.GetCultureInfo(Language.PortugueseBrazil), true, false)!.GetString(key)),
            $"'{key}' is missing in Strings.pt-BR.resx");
    }
}
