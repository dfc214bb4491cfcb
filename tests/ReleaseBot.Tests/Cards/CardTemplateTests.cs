using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ReleaseBot.Cards;

namespace ReleaseBot.Tests.Cards;

public class CardTemplateTests
{
    /// <summary>Parses JSON as the official engine sees it: strings that look like dates stay strings.</summary>
    private static JToken Json(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static JObject Bind(string template, string data) => (JObject)Json(CardTemplate.Bind(template, data));

    private static JObject BindParsed(CardTemplate template, string data)
    {
        using var document = System.Text.Json.JsonDocument.Parse(data);
        return (JObject)Json(CardJson.Write(document.RootElement.Clone(), (writer, root) => template.Write(writer, root)));
    }

    private static void AssertJson(string expected, JToken actual) =>
        Assert.True(JToken.DeepEquals(Json(expected), actual), $"Expected {Json(expected).ToString(Formatting.None)}{Environment.NewLine}but got  {actual.ToString(Formatting.None)}");

    // ----- ${path} -----

    [Fact]
    public void A_string_that_is_one_expression_takes_the_typed_value()
    {
        var bound = Bind(
            """{ "b": "${flag}", "i": "${count}", "f": "${ratio}", "o": "${owner}", "a": "${tags}", "s": "${name}", "n": "${nothing}" }""",
            """{ "flag": true, "count": 3, "ratio": 1.5, "owner": { "name": "Ana" }, "tags": ["x", "y"], "name": "R-1", "nothing": null }""");

        AssertJson("""{ "b": true, "i": 3, "f": 1.5, "o": { "name": "Ana" }, "a": ["x", "y"], "s": "R-1", "n": null }""", bound);
        Assert.Equal(JTokenType.Boolean, bound["b"]!.Type);
        Assert.Equal(JTokenType.Integer, bound["i"]!.Type);
    }

    [Fact]
    public void Values_inside_text_are_written_as_JavaScript_writes_them()
    {
        var bound = Bind(
            """
            { "t": "${yes}/${no}", "i": "n=${count}", "f": "${half} ${two} ${big} ${tiny} ${small} ${huge} ${long}",
              "a": "[${list}]", "o": "<${owner}>", "s": "${first}${last}!" }
            """,
            """
            { "yes": true, "no": false, "count": 42, "half": 0.5, "two": 2.0, "big": 1e21, "tiny": 1e-7, "small": 0.00001,
              "huge": 1e15, "long": 1234567890123456.7, "list": [1, null, "b", true, [2, 3]], "owner": { "name": "Ana" },
              "first": "Ana", "last": "Lima" }
            """);

        AssertJson(
            """
            { "t": "true/false", "i": "n=42", "f": "0.5 2 1e+21 1e-7 0.00001 1000000000000000 1234567890123456.8",
              "a": "[1,,b,true,2,3]", "o": "<[object Object]>", "s": "AnaLima!" }
            """,
            bound);
    }

    [Fact]
    public void Dates_from_CSharp_objects_are_written_as_their_JSON_text()
    {
        var data = CardLibrary.DataJson(new { at = new DateTime(2025, 1, 31, 10, 0, 0, DateTimeKind.Utc) });

        var bound = Bind("""{ "text": "At ${at}" }""", data);

        Assert.Equal("At 2025-01-31T10:00:00Z", (string)bound["text"]!);
    }

    [Fact]
    public void Paths_reach_nested_properties_root_and_data_and_ignore_case()
    {
        var bound = Bind(
            """{ "a": "${release.owner.name}", "b": "${$root.release.id}", "c": "${$data.release.id}", "d": "${RELEASE.Owner.NAME}", "e": "${ release . id }" }""",
            """{ "release": { "id": "R-7", "owner": { "name": "Ana" } } }""");

        AssertJson("""{ "a": "Ana", "b": "R-7", "c": "R-7", "d": "Ana", "e": "R-7" }""", bound);
    }

    [Fact]
    public void A_missing_path_stays_as_its_expression_text()
    {
        var bound = Bind(
            """{ "a": "${missing}", "b": "Hi ${missing}!", "c": "${release.nope.x}", "d": "${$root.nope}", "e": "${$index}", "f": "${ release . nope }" }""",
            """{ "release": { "id": "R-7" } }""");

        AssertJson("""{ "a": "${missing}", "b": "Hi ${missing}!", "c": "${release.nope.x}", "d": "${$root.nope}", "e": "${$index}", "f": "${release.nope}" }""", bound);
    }

    [Fact]
    public void A_null_value_inside_text_is_refused_as_the_official_engine_refuses_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind("""{ "text": "Owner: ${owner}" }""", """{ "owner": null }"""));
        Assert.Contains("${owner}", error.Message);
        Assert.Contains("${!!owner}", error.Message);
    }

    [Fact]
    public void Not_is_true_only_for_false_null_and_missing_and_double_not_reverses_it()
    {
        var bound = Bind(
            """
            { "t": "${!t}", "f": "${!f}", "n": "${!n}", "m": "${!missing}", "z": "${!zero}", "e": "${!empty}", "o": "${!obj}",
              "nn": "${!!n}", "ns": "${!!s}", "text": "not f is ${! f}" }
            """,
            """{ "t": true, "f": false, "n": null, "zero": 0, "empty": "", "obj": {}, "s": "x" }""");

        AssertJson(
            """{ "t": false, "f": true, "n": true, "m": true, "z": false, "e": false, "o": false, "nn": false, "ns": true, "text": "not f is true" }""",
            bound);
    }

    [Fact]
    public void Property_names_are_not_templated_and_data_values_are_not_templated_again()
    {
        var bound = Bind("""{ "${key}": "${value}" }""", """{ "key": "k", "value": "${key}" }""");

        AssertJson("""{ "${key}": "${key}" }""", bound);
    }

    // ----- $data -----

    [Fact]
    public void Data_bound_to_an_array_repeats_the_element_with_index_and_removes_the_data_property()
    {
        var bound = Bind(
            """{ "body": [ { "type": "TextBlock", "$data": "${releases}", "text": "${$index}: ${id}", "n": "${$index}" }, { "type": "After" } ] }""",
            """{ "releases": [ { "id": "R-1" }, { "id": "R-2" }, { "id": "R-3" } ] }""");

        AssertJson(
            """
            { "body": [
                { "type": "TextBlock", "text": "0: R-1", "n": 0 },
                { "type": "TextBlock", "text": "1: R-2", "n": 1 },
                { "type": "TextBlock", "text": "2: R-3", "n": 2 },
                { "type": "After" } ] }
            """,
            bound);
    }

    [Fact]
    public void Nested_data_in_repeated_items_has_its_own_index_and_reaches_the_root()
    {
        var bound = Bind(
            """
            { "body": [ { "$data": "${releases}", "id": "${id}", "row": "${$index}",
                "items": [ { "$data": "${items}", "text": "${$root.prefix}${kind} ${$index} of ${id}" } ] } ] }
            """,
            """
            { "prefix": "> ", "id": "root id",
              "releases": [ { "id": "R-1", "items": [ { "kind": "DML" }, { "kind": "KB" } ] }, { "id": "R-2", "items": [] } ] }
            """);

        // In the inner text, "${id}" is the inner item's (missing), so it stays as text, as in the official engine.
        AssertJson(
            """
            { "body": [
                { "id": "R-1", "row": 0, "items": [ { "text": "> DML 0 of ${id}" }, { "text": "> KB 1 of ${id}" } ] },
                { "id": "R-2", "row": 1, "items": [] } ] }
            """,
            bound);
    }

    [Fact]
    public void Data_bound_to_an_object_changes_the_scope_and_keeps_the_index_of_the_repeat_around_it()
    {
        var bound = Bind(
            """
            { "top": { "$data": "${release}", "text": "${id} ${$index}" },
              "rows": [ { "$data": "${rows}", "cell": { "$data": "${$root.release}", "text": "${id} ${$index}" } } ] }
            """,
            """{ "release": { "id": "R-7" }, "rows": [ 1, 2 ] }""");

        AssertJson(
            """{ "top": { "text": "R-7 ${$index}" }, "rows": [ { "cell": { "text": "R-7 0" } }, { "cell": { "text": "R-7 1" } } ] }""",
            bound);
    }

    [Fact]
    public void Data_bound_to_an_empty_array_removes_the_element_from_an_array_and_nulls_a_property()
    {
        var bound = Bind(
            """{ "body": [ { "$data": "${none}", "type": "TextBlock" } ], "selectAction": { "$data": "${none}", "type": "Action.Execute" } }""",
            """{ "none": [] }""");

        AssertJson("""{ "body": [], "selectAction": null }""", bound);
    }

    [Fact]
    public void Data_repeated_as_a_property_value_becomes_an_array()
    {
        var bound = Bind("""{ "card": { "$data": "${ids}", "id": "${$data}" } }""", """{ "ids": [ "a", "b" ] }""");

        AssertJson("""{ "card": [ { "id": "a" }, { "id": "b" } ] }""", bound);
    }

    // ----- $when -----

    [Fact]
    public void When_keeps_an_element_only_for_the_boolean_true()
    {
        var bound = Bind(
            """
            { "body": [
                { "id": "t", "$when": "${t}" }, { "id": "f", "$when": "${f}" }, { "id": "missing", "$when": "${missing}" },
                { "id": "null", "$when": "${n}" }, { "id": "string", "$when": "${s}" }, { "id": "one", "$when": "${one}" },
                { "id": "not-f", "$when": "${!f}" }, { "id": "not-missing", "$when": "${!missing}" }, { "id": "not-not-s", "$when": "${!!s}" } ],
              "selectAction": { "$when": "${f}", "type": "Action.Execute" } }
            """,
            """{ "t": true, "f": false, "n": null, "s": "yes", "one": 1 }""");

        AssertJson(
            """{ "body": [ { "id": "t" }, { "id": "not-f" }, { "id": "not-missing" }, { "id": "not-not-s" } ], "selectAction": null }""",
            bound);
    }

    [Fact]
    public void When_is_evaluated_per_repeated_item_after_data()
    {
        var bound = Bind(
            """{ "body": [ { "$data": "${tasks}", "$when": "${canClaim}", "text": "${$index}: ${name}" } ] }""",
            """{ "canClaim": true, "tasks": [ { "name": "a", "canClaim": false }, { "name": "b", "canClaim": true }, { "name": "c" } ] }""");

        AssertJson("""{ "body": [ { "text": "1: b" } ] }""", bound);
    }

    [Fact]
    public void Reserved_properties_are_removed_and_the_template_is_left_unchanged()
    {
        var template = CardTemplate.Parse("""{ "$schema": "s", "$root": "r", "$index": 1, "$host": 2, "body": [ { "$data": "${a}", "$when": "${ok}", "x": "${v}" } ] }""");

        var first = BindParsed(template, """{ "a": [ { "ok": true, "v": 1 } ] }""");
        var second = BindParsed(template, """{ "a": [ { "ok": false, "v": 1 }, { "ok": true, "v": 2 } ] }""");

        AssertJson("""{ "$schema": "s", "body": [ { "x": 1 } ] }""", first);
        AssertJson("""{ "$schema": "s", "body": [ { "x": 2 } ] }""", second);
    }

    [Fact]
    public void A_root_that_binds_to_no_object_is_refused()
    {
        Assert.Throws<FormatException>(() => Bind("""{ "$when": "${f}", "type": "AdaptiveCard" }""", """{ "f": false }"""));
        AssertJson("""{ "text": "R-7" }""", Bind("""{ "$data": "${release}", "text": "${id}" }""", """{ "release": { "id": "R-7" } }"""));
    }

    // ----- outside the subset -----

    [Theory]
    [InlineData("""{ "text": "${if(ok, 'a', 'b')}" }""")]
    [InlineData("""{ "text": "Hi ${toUpper(name)}" }""")]
    [InlineData("""{ "text": "${a == b}" }""")]
    [InlineData("""{ "text": "${a && b}" }""")]
    [InlineData("""{ "text": "${'literal'}" }""")]
    [InlineData("""{ "text": "${true}" }""")]
    [InlineData("""{ "text": "${items[0]}" }""")]
    [InlineData("""{ "text": "${a.}" }""")]
    [InlineData("""{ "text": "x ${}" }""")]
    [InlineData("""{ "text": "${$host.x}" }""")]
    [InlineData("""{ "text": "${name" }""")]
    [InlineData("""{ "text": "it`s ${name}" }""")]
    [InlineData("""{ "text": "\\${name}" }""")]
    [InlineData("""{ "body": [ { "$when": true } ] }""")]
    [InlineData("""{ "body": [ { "$when": "yes" } ] }""")]
    [InlineData("""{ "body": [ { "$when": " ${ok}" } ] }""")]
    [InlineData("""{ "body": [ { "$data": { "a": 1 } } ] }""")]
    [InlineData("""{ "body": [ { "$data": "${a}${b}" } ] }""")]
    public void An_expression_outside_the_subset_is_refused_with_a_FormatException(string template)
    {
        var error = Assert.Throws<FormatException>(() => Bind(template, """{ "ok": true, "name": "n", "a": [], "b": [] }"""));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Text_without_expressions_may_hold_any_characters()
    {
        AssertJson("""{ "text": "C:\\dir `x` $5 {y} $ {z}" }""", Bind("""{ "text": "C:\\dir `x` $5 {y} $ {z}" }""", "{}"));
    }

    // ----- against the official tools -----

    private static readonly (string Name, string Template, string Data)[] ConformanceCards =
    [
        ("release list",
         """
         { "type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "version": "1.5",
           "body": [
             { "type": "TextBlock", "text": "${labels.title} (${count})", "size": "Medium", "weight": "Bolder", "wrap": true },
             { "type": "Container", "$data": "${releases}", "separator": "${$root.separated}",
               "items": [
                 { "type": "TextBlock", "text": "${$index}. ${id} — ${name}", "wrap": true },
                 { "type": "TextBlock", "$when": "${!!owner}", "text": "${owner.name}", "isSubtle": true },
                 { "type": "TextBlock", "$when": "${!owner}", "text": "${$root.labels.unassigned}", "isSubtle": true },
                 { "type": "FactSet", "facts": [ { "$data": "${items}", "title": "${kind}", "value": "${version} (${$index}) ${$root.labels.title}" } ] }
               ],
               "selectAction": { "type": "Action.Execute", "verb": "openRelease", "data": { "releaseId": "${id}", "seen": "${rowVersion}", "row": "${$index}" } } },
             { "type": "TextBlock", "$when": "${!hasReleases}", "text": "${labels.empty}" }
           ],
           "actions": [ { "type": "Action.Execute", "title": "${labels.refresh}", "verb": "refresh", "data": { "page": "${page}", "filters": "${filters}" } } ] }
         """,
         """
         { "labels": { "title": "Releases", "unassigned": "Unassigned", "empty": "No releases", "refresh": "Refresh" },
           "count": 2, "separated": true, "hasReleases": true, "page": 1, "filters": { "state": "open", "mine": false },
           "releases": [
             { "id": "REL-1", "name": "Payroll 2.1", "rowVersion": 7, "owner": { "name": "Ana" },
               "items": [ { "kind": "DML", "version": "2.1.0" }, { "kind": "KB", "version": "KB-12" } ] },
             { "id": "REL-2", "name": "CRM", "rowVersion": 1, "owner": null, "items": [] } ] }
         """),
        ("values, missing paths and case",
         """
         { "type": "AdaptiveCard", "version": "1.5",
           "body": [
             { "type": "TextBlock", "text": "${done}/${blocked} ${ratio} ${two} ${tiny} ${tags} ${obj}", "wrap": "${done}" },
             { "type": "TextBlock", "text": "${missing} and ${RELEASE.Id} and ${release.nope.deeper}" },
             { "type": "TextBlock", "text": "${$index}", "$when": "${!blocked}" },
             { "type": "TextBlock", "text": "zero", "$when": "${!zero}" },
             { "type": "TextBlock", "text": "string when", "$when": "${release.id}" },
             { "type": "Container", "$data": "${release}", "items": [ { "type": "TextBlock", "text": "${id} ${$root.done} ${$data.id}" } ],
               "selectAction": { "$when": "${blocked}", "type": "Action.Execute", "verb": "never" } },
             { "type": "ColumnSet", "columns": [ { "type": "Column", "$data": "${columns}", "width": "${width}",
                 "items": [ { "type": "TextBlock", "text": "${$index}: ${label}" } ] } ] }
           ] }
         """,
         """
         { "done": true, "blocked": false, "ratio": 0.25, "two": 2, "tiny": 1e-7, "tags": [ "a", "b" ], "obj": { "k": 1 }, "zero": 0,
           "release": { "id": "R-7" }, "columns": [ { "label": "A", "width": "auto" }, { "label": "B", "width": "stretch" } ] }
         """),
        ("root scope and inputs",
         """
         { "type": "AdaptiveCard", "version": "1.5", "$data": "${form}",
           "body": [
             { "type": "Input.ChoiceSet", "id": "category", "label": "${labels.category}", "value": "${selected}",
               "choices": [ { "$data": "${categories}", "title": "${title}", "value": "${code}" } ] },
             { "type": "Input.Text", "id": "notes", "label": "${labels.notes}", "isMultiline": true, "maxLength": "${maxLength}" },
             { "type": "Input.Toggle", "id": "resolved", "title": "${labels.resolved}", "value": "${resolved}" }
           ],
           "actions": [ { "type": "Action.Execute", "title": "${labels.save}", "verb": "save", "data": { "releaseId": "${$root.releaseId}" } } ] }
         """,
         """
         { "releaseId": "REL-9",
           "form": { "labels": { "category": "Categoria", "notes": "Informações", "resolved": "Resolvida", "save": "Gravar" },
             "selected": "ok", "maxLength": 2000, "resolved": "true",
             "categories": [ { "title": "Concluída", "code": "ok" }, { "title": "Parcial", "code": "partial" } ] } }
         """),
    ];

    [Fact]
    public void Our_binder_gives_what_the_official_engine_gives_and_the_official_renderer_accepts_the_cards()
    {
        var cases = ConformanceCards.Select(card =>
        {
            var template = (JObject)Json(card.Template);
            var data = Json(card.Data);
            return new CardCase(card.Name, template, data, Bind(card.Template, card.Data));
        }).ToList();

        var results = OfficialCardTools.Check(cases);

        Assert.Equal(cases.Count, results.Count);
        foreach (var (card, result) in cases.Zip(results))
        {
            Assert.True(JToken.DeepEquals(result.Official, card.Bound),
                $"{card.Name}: the official engine gives{Environment.NewLine}{result.Official.ToString(Formatting.None)}{Environment.NewLine}" +
                $"but our binder gives{Environment.NewLine}{card.Bound.ToString(Formatting.None)}");
            Assert.True(result.Errors.Count == 0, $"{card.Name}: {string.Join(Environment.NewLine, result.Errors)}");
        }
    }

    [Fact]
    public void The_official_tools_report_unknown_elements_and_actions_and_a_failing_template()
    {
        var card = (JObject)Json(
            """
            { "type": "AdaptiveCard", "version": "1.5",
              "body": [ { "type": "Foo", "text": "x" }, { "type": "Carousel", "pages": [] } ],
              "actions": [ { "type": "Action.Bogus", "title": "x" }, { "type": "Action.Execute", "title": "ok", "verb": "ok" } ] }
            """);
        var failing = (JObject)Json("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "Owner: ${owner}" } ] }""");
        var data = Json("""{ "owner": null }""");

        var results = OfficialCardTools.Check([new CardCase("unknown types", card, data, card), new CardCase("null in text", failing, data, failing)]);

        var errors = results[0].Errors;
        Assert.Contains(errors, e => e.Contains("UnknownElementType") && e.Contains("\"Foo\""));
        Assert.Contains(errors, e => e.Contains("UnknownElementType") && e.Contains("\"Carousel\"")); // 1.6 element in a 1.5 card
        Assert.Contains(errors, e => e.Contains("UnknownActionType") && e.Contains("\"Action.Bogus\""));
        Assert.DoesNotContain(errors, e => e.Contains("Action.Execute"));
        Assert.Equal(3, errors.Count);

        // The same template is refused by our binder, and fails in the official engine.
        Assert.Throws<InvalidOperationException>(() => CardTemplate.Bind(failing.ToString(), data.ToString()));
        Assert.Equal(JTokenType.Null, results[1].Official.Type);
        Assert.Contains(results[1].Errors, e => e.StartsWith("templating:"));
    }
}
