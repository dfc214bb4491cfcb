using ReleaseBot.Cards;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using ReleaseBot.Features;

namespace ReleaseBot.Tests.Architecture;

/// <summary>
/// Each input id is named once, in <see cref="InputIds"/>: a template takes its inputs' ids from the card data
/// (<c>"id": "${ids.itemId}"</c>), so that the ids change with the card's options, and action records read them by name.
/// </summary>
public partial class InputIdTests
{
    private static IEnumerable<(string Card, JObject Input)> Inputs() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "cards"), "*.json").SelectMany(file =>
            JObject.Parse(File.ReadAllText(file)).Descendants().OfType<JObject>()
                .Where(e => ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
                .Select(e => (Path.GetFileName(file), e)));

    [Fact]
    public void Every_input_of_every_card_takes_its_id_from_the_card_data_by_a_name_of_InputIds()
    {
        var inputs = Inputs().ToList();
        Assert.NotEmpty(inputs);
        Assert.All(inputs, i =>
        {
            var match = IdFromData().Match((string?)i.Input["id"] ?? "");
            Assert.True(match.Success, $"{i.Card}: the input '{i.Input["id"]}' does not take its id from the card data (\"${{ids.<name>}}\").");
            Assert.Contains(match.Groups[1].Value, InputIds.All);
        });
    }

    [Fact]
    public void InputIds_lists_every_name_it_defines_and_each_is_used_by_a_card()
    {
        var constants = typeof(InputIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(constants.Order(), InputIds.All.Order());
        var used = Inputs().Select(i => IdFromData().Match((string)i.Input["id"]!).Groups[1].Value).ToHashSet();
        Assert.Equal(InputIds.All.Order(), used.Order());
    }

    [Fact]
    public void An_input_is_read_by_its_name_whatever_instance_its_id_ends_with()
    {
        var ids = InputIds.Of(["REL-1001", 7], InputIds.ItemId, InputIds.LinkId);
        Assert.Matches("^itemId-[0-9a-f]{8}$", ids[InputIds.ItemId]);
        Assert.NotEqual(ids[InputIds.ItemId], InputIds.Of(["REL-1001", 8], InputIds.ItemId)[InputIds.ItemId]);
        Assert.Equal(ids[InputIds.ItemId], InputIds.Of(["REL-1001", 7], InputIds.ItemId)[InputIds.ItemId]);

        Assert.Equal("5", new CardActionData(new JObject { [ids[InputIds.ItemId]] = "5", [ids[InputIds.LinkId]] = "6" }).Input(InputIds.ItemId));
        Assert.Equal("5", new CardActionData(new JObject { ["itemId"] = "5" }).Input(InputIds.ItemId));
        // Two instances of one input: which one was meant is unknown, so none is read.
        Assert.Null(new CardActionData(new JObject { ["itemId-00000001"] = "5", ["itemId-00000002"] = "6" }).Input(InputIds.ItemId));
        Assert.Null(new CardActionData(new JObject { ["itemIdentity"] = "5" }).Input(InputIds.ItemId));
    }

    [GeneratedRegex(@"^\$\{ids\.(\w+)\}$")]
    private static partial Regex IdFromData();
}
