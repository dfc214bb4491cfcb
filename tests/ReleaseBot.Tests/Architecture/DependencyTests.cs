using System.Text.RegularExpressions;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Architecture;

/// <summary>
/// The folders of bot/ and the directions in which they may depend on each other (docs/architecture.md), checked on
/// the compiled assembly: each folder is a namespace, and a type may use the types of its own folder and of the
/// folders listed for it, and nothing else of the bot.
/// </summary>
public class DependencyTests
{
    /// <summary>Each folder, and the folders it may use. Read top-down: nothing uses a folder above it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Diagnostics"] = [],
        ["Domain"] = [],
        ["Localization"] = ["Domain"],
        ["Persistence"] = ["Domain", "Diagnostics"],
        ["Cards"] = ["Domain", "Localization", "Persistence", "Diagnostics"],
        ["Notifications"] = ["Domain", "Localization", "Persistence", "Cards", "Diagnostics"],
        ["Features"] = ["Domain", "Localization", "Persistence", "Cards", "Notifications", "Diagnostics"],
        ["Teams"] = ["Domain", "Localization", "Persistence", "Cards", "Notifications", "Features", "Diagnostics"],
        ["Api"] = ["Domain", "Persistence", "Notifications", "Diagnostics"],
        ["Web"] = ["Domain", "Localization", "Persistence", "Cards", "Features", "Diagnostics"],
        ["Hosting"] = ["Domain", "Localization", "Persistence", "Cards", "Notifications", "Features", "Teams", "Api", "Web", "Diagnostics"],
    };

    private static readonly Type[] BotTypes = typeof(ReleaseRequest).Assembly.GetTypes();

    /// <summary>The folder of a type of the bot: the namespace part after "ReleaseBot."; null for types outside any folder.</summary>
    public static string? FolderOf(Type type) =>
        FolderReferences.Owner(type).Namespace is { } ns && ns.StartsWith("ReleaseBot.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;

    /// <summary>Which folders each folder's types use, with an example of each use.</summary>
    public static Dictionary<string, Dictionary<string, string>> ActualUses()
    {
        var uses = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in BotTypes.Where(t => t.DeclaringType is null))
        {
            if (FolderOf(type) is not { } from) continue;
            var folderUses = uses.TryGetValue(from, out var found) ? found : uses[from] = [];
            foreach (var used in FolderReferences.UsedBy(type))
                if (used.Assembly == typeof(ReleaseRequest).Assembly && FolderOf(used) is { } to && to != from)
                    folderUses.TryAdd(to, $"{type.FullName} uses {FolderReferences.Owner(used).FullName}");
        }
        return uses;
    }

    [Fact]
    public void Every_folder_uses_only_the_folders_it_may()
    {
        var wrong = ActualUses().SelectMany(f => f.Value.Where(to => !Allowed[f.Key].Contains(to.Key)).Select(to => to.Value)).ToList();
        Assert.True(wrong.Count == 0, "Dependencies against docs/architecture.md:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_type_of_the_bot_lives_in_a_known_folder()
    {
        var folders = BotTypes.Where(t => t.DeclaringType is null && !t.Name.StartsWith('<') && t.Namespace is not null && t.Namespace != "Microsoft.CodeAnalysis"
                && t.Namespace != "System.Runtime.CompilerServices" && t.Namespace != "System.Text.RegularExpressions.Generated")
            .Select(t => (t.FullName, Folder: FolderOf(t))).ToList();
        Assert.All(folders, t => Assert.True(t.Folder is not null && Allowed.ContainsKey(t.Folder), $"{t.FullName} is in no folder of docs/architecture.md"));
    }

    [Fact]
    public void The_folders_have_no_cycle()
    {
        var uses = ActualUses().ToDictionary(f => f.Key, f => f.Value.Keys.ToList());
        var state = new Dictionary<string, bool>(); // false: on the current path; true: done
        string? Visit(string folder, string path)
        {
            if (state.TryGetValue(folder, out var done)) return done ? null : path + " → " + folder;
            state[folder] = false;
            foreach (var next in uses.GetValueOrDefault(folder) ?? [])
                if (Visit(next, path + " → " + folder) is { } cycle) return cycle;
            state[folder] = true;
            return null;
        }
        foreach (var folder in uses.Keys) Assert.Null(Visit(folder, "")?.TrimStart(' ', '→'));
    }

    [Fact]
    public void The_domain_uses_no_framework_of_bots_databases_or_web_apps()
    {
        var frameworks = BotTypes.Where(t => FolderOf(t) == "Domain" && t.DeclaringType is null)
            .SelectMany(t => FolderReferences.UsedBy(t).Select(used => (t, used)))
            .Where(p => p.used.Namespace is { } ns && (ns.StartsWith("Microsoft.", StringComparison.Ordinal) || ns.StartsWith("Newtonsoft", StringComparison.Ordinal)
                || ns.StartsWith("Npgsql", StringComparison.Ordinal)))
            .Select(p => $"{p.t.FullName} uses {p.used.FullName}").Distinct().ToList();
        Assert.True(frameworks.Count == 0, string.Join("\n", frameworks));
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var bot = Path.Combine(RepositoryFolder.Root(), "bot");
        var wrong = Directory.EnumerateFiles(bot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && Path.GetDirectoryName(f) != bot)
            .Select(f => (File: Path.GetRelativePath(bot, f), Namespace: Regex.Match(File.ReadAllText(f), @"^namespace ([\w.]+)\s*[;{]", RegexOptions.Multiline).Groups[1].Value))
            .Where(f => f.Namespace != "ReleaseBot." + Path.GetDirectoryName(f.File)!.Replace(Path.DirectorySeparatorChar, '.'))
            .Select(f => $"{f.File}: namespace {f.Namespace}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
