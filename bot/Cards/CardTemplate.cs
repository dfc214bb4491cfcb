using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReleaseBot.Cards;

/// <summary>
/// Binds an Adaptive Card template to data, writing the card's JSON as it goes. Implements the subset of the Adaptive
/// Cards Templating language that our cards use, with the results of the official engine (adaptivecards-templating
/// 2.3.1, checked by tests/card-conformance):
/// <list type="bullet">
/// <item><c>${path}</c> in a string, path like <c>a.b</c>, <c>$root.a</c>, <c>$data.a</c>, <c>$index</c>;
/// property names match case-insensitively. A string that is exactly one <c>${path}</c> takes the typed value;
/// otherwise values are written as JavaScript would (true, 1.5, "a,b" for arrays). A missing value stays as the
/// text <c>${path}</c>; a null value inside text is an error (the official engine fails there too).</item>
/// <item><c>${!path}</c> is true when the value is false, null or missing (0 and "" count as true); <c>${!!path}</c> negates that.</item>
/// <item><c>$data</c> binds an element to a value; an array repeats the element per item, with <c>$index</c>.</item>
/// <item><c>$when</c> keeps an element only when it evaluates to the boolean <c>true</c>.</item>
/// </list>
/// A removed element disappears from its array, and becomes null as a property value; inside an array, a value that is
/// an array is spliced in and a null value is left out. Anything outside the subset (functions, operators, literals,
/// indexing, escapes) throws a <see cref="FormatException"/> when the template is parsed.
/// </summary>
public sealed class CardTemplate
{
    private static readonly string[] ReservedKeys = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];
    private static readonly string[] ReservedHeads = ["$root", "$data", "$index"];
    private static readonly string[] Literals = ["true", "false", "null", "undefined"];

    /// <summary>Each template string parsed once: templates are few and fixed.</summary>
    private static readonly ConcurrentDictionary<string, Node> Strings = new(StringComparer.Ordinal);

    private readonly Element root;

    private CardTemplate(Element root) => this.root = root;

    /// <summary>Parses a template once; binding it then only reads it.</summary>
    public static CardTemplate Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CardTemplate(Compile(document.RootElement) as Element
            ?? throw new FormatException("A card template must be a JSON object."));
    }

    /// <summary>Binds a template to data, both as JSON text, and returns the card as JSON text.</summary>
    public static string Bind(string template, string data)
    {
        using var document = JsonDocument.Parse(data);
        return CardJson.Write((Template: Parse(template), Data: document.RootElement), static (writer, bind) => bind.Template.Write(writer, bind.Data));
    }

    /// <summary>
    /// Writes the bound card. <paramref name="prelude"/> (elements bound in their own data) goes first in the root's
    /// <c>body</c>; <paramref name="more"/> writes further properties at the end of the root object.
    /// </summary>
    public void Write(Utf8JsonWriter writer, JsonElement data, IReadOnlyList<(CardTemplate Template, JsonElement Data)>? prelude = null,
        Action<Utf8JsonWriter>? more = null)
    {
        var scope = new Scope(Value.Of(data), Value.Of(data), null);
        if (Copies(root, scope, out var only) != 1)
            throw new FormatException("The template's root must bind to exactly one object: check the $data and $when on it.");
        writer.WriteStartObject();
        foreach (var property in root.Properties)
        {
            writer.WritePropertyName(property.Name);
            if (prelude is { Count: > 0 } && property.Name.Value == "body" && property.Value is Items body)
            {
                writer.WriteStartArray();
                foreach (var (template, noticeData) in prelude)
                    template.WriteBodyItems(writer, new Scope(Value.Of(noticeData), Value.Of(noticeData), null));
                WriteItems(writer, body, only);
                writer.WriteEndArray();
            }
            else
            {
                WriteValue(writer, property.Value, only);
            }
        }
        more?.Invoke(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes the elements of this template's own <c>body</c>, as items of an enclosing array.</summary>
    private void WriteBodyItems(Utf8JsonWriter writer, Scope scope)
    {
        if (root.Properties.FirstOrDefault(p => p.Name.Value == "body").Value is Items body) WriteItems(writer, body, scope);
    }

    // ----- the parsed template -----

    private abstract record Node;
    /// <summary>A number, boolean or null, or a string without expressions.</summary>
    private sealed record Constant(JsonElement Value) : Node;
    private sealed record Text(string Plain) : Node;
    private sealed record WholeExpression(Expression Expression) : Node;
    private sealed record Interpolation(string Source, object[] Parts) : Node;
    private sealed record Items(Node[] Values) : Node;
    private sealed record Element(Member[] Properties, Expression? Data, Expression? When) : Node;
    private readonly record struct Member(JsonEncodedText Name, Node Value);

    /// <summary>An expression: a property path, negated <see cref="Nots"/> times with <c>!</c>.</summary>
    private sealed record Expression(int Nots, string[] Path)
    {
        public string PathText { get; } = string.Join(".", Path);
        public string Unbound => $"${{{PathText}}}";
    }

    private static Node Compile(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => CompileElement(node),
        JsonValueKind.Array => new Items([.. node.EnumerateArray().Select(Compile)]),
        JsonValueKind.String => CompileString(node.GetString()!),
        _ => new Constant(node.Clone()),
    };

    private static Element CompileElement(JsonElement element)
    {
        Expression? data = null, when = null;
        var properties = new List<Member>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("$data")) data = Single(property.Value, "$data");
            else if (property.NameEquals("$when")) when = Single(property.Value, "$when");
            else if (!ReservedKeys.Contains(property.Name)) properties.Add(new Member(JsonEncodedText.Encode(property.Name, CardJson.Encoder), Compile(property.Value)));
        }
        return new Element([.. properties], data, when);
    }

    private static Node CompileString(string text) => Strings.GetOrAdd(text, static t =>
    {
        if (!t.Contains("${", StringComparison.Ordinal)) return new Text(t);
        var parts = ParseParts(t);
        return parts is [Expression whole] ? new WholeExpression(whole) : new Interpolation(t, [.. parts]);
    });

    private static Expression Single(JsonElement binding, string keyword) =>
        binding.ValueKind == JsonValueKind.String && CompileString(binding.GetString()!) is WholeExpression { Expression: var expression }
            ? expression
            : throw new FormatException($"{keyword} must be one ${{path}} or ${{!path}} expression and nothing else, not {binding.GetRawText()}.");

    /// <summary>Splits a string into literal text and expressions.</summary>
    private static List<object> ParseParts(string text)
    {
        if (text.Contains('`') || text.Contains('\\'))
            throw new FormatException($"Backticks and backslashes are outside the supported template subset in a string with ${{...}}: \"{text}\".");
        var parts = new List<object>();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                parts.Add(text[position..]);
                break;
            }
            if (start > position) parts.Add(text[position..start]);
            var end = text.IndexOf('}', start + 2);
            if (end < 0) throw new FormatException($"\"${{\" is not closed in \"{text}\".");
            parts.Add(ParseExpression(text[(start + 2)..end], text));
            position = end + 1;
        }
        return parts;
    }

    private static Expression ParseExpression(string body, string text)
    {
        var rest = body.Trim();
        var nots = 0;
        for (; rest.StartsWith('!'); nots++) rest = rest[1..].TrimStart();
        var path = rest.Split('.').Select(name => name.Trim()).ToArray();
        if (!path.Select((name, i) => IsIdentifier(name) || (i == 0 && ReservedHeads.Contains(name, StringComparer.OrdinalIgnoreCase))).All(ok => ok))
            throw new FormatException($"\"${{{body}}}\" in \"{text}\" is outside the supported template subset: use ${{path}}, ${{!path}} or ${{!!path}}, " +
                "with a path like a.b, $root.a, $data.a or $index (no functions, operators, literals or indexing).");
        if (ReservedHeads.Contains(path[0], StringComparer.OrdinalIgnoreCase)) path[0] = path[0].ToLowerInvariant();
        return new Expression(nots, path);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !Literals.Contains(name);

    // ----- binding -----

    private enum Kind { Missing, Json, Index, Boolean, Text }

    /// <summary>What an expression gives: a JSON value of the data, <c>$index</c>, a negation's boolean, or missing.</summary>
    private readonly record struct Value(Kind Kind, JsonElement Json = default, int Number = 0, string? Text = null)
    {
        public static Value Of(JsonElement json) => new(Kind.Json, json);
        public static readonly Value Missing = new(Kind.Missing);
        public bool IsNull => Kind == Kind.Json && Json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        public bool IsTrueBoolean => Kind switch
        {
            Kind.Boolean => Number == 1,
            Kind.Json => Json.ValueKind == JsonValueKind.True,
            _ => false,
        };
    }

    private readonly record struct Scope(Value Root, Value Data, int? Index);

    /// <summary>Evaluates in a scope. A missing value is <see cref="Value.Missing"/>, or with <paramref name="substituteMissing"/> the text "${path}".</summary>
    private static Value Evaluate(Expression expression, Scope scope, bool substituteMissing)
    {
        var path = expression.Path;
        var value = path[0] switch
        {
            "$root" => scope.Root,
            "$data" => scope.Data,
            "$index" => scope.Index is { } index ? new Value(Kind.Index, Number: index) : Value.Missing,
            _ => Property(scope.Data, path[0]),
        };
        for (var i = 1; i < path.Length; i++)
            value = Property(value, path[i]);

        if (expression.Nots > 0)
        {
            var isTrue = value.Kind switch
            {
                Kind.Missing => false,
                Kind.Json => value.Json.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False),
                Kind.Boolean => value.Number == 1,
                _ => true,
            };
            return new Value(Kind.Boolean, Number: (expression.Nots % 2 == 0) == isTrue ? 1 : 0);
        }
        return value.Kind == Kind.Missing && substituteMissing ? new Value(Kind.Text, Text: expression.Unbound) : value;
    }

    private static Value Property(Value scope, string name)
    {
        if (scope.Kind != Kind.Json || scope.Json.ValueKind != JsonValueKind.Object) return Value.Missing;
        if (scope.Json.TryGetProperty(name, out var exact)) return Value.Of(exact);
        foreach (var property in scope.Json.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return Value.Of(property.Value);
        return Value.Missing;
    }

    /// <summary>How many copies an element makes in a scope (its $data repeats it, its $when removes it); <paramref name="first"/> is the first one's scope.</summary>
    private static int Copies(Element element, Scope scope, out Scope first)
    {
        first = scope;
        if (element.Data is null)
            return element.When is null || Evaluate(element.When, scope, substituteMissing: false).IsTrueBoolean ? 1 : 0;
        var count = 0;
        foreach (var copy in Scopes(element, scope))
        {
            if (count++ == 0) first = copy;
        }
        return count;
    }

    /// <summary>The scopes of an element's copies that its $when keeps.</summary>
    private static IEnumerable<Scope> Scopes(Element element, Scope scope)
    {
        var data = element.Data is null ? scope.Data : Evaluate(element.Data, scope, substituteMissing: true);
        if (data.Kind == Kind.Json && data.Json.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in data.Json.EnumerateArray())
            {
                var copy = scope with { Data = Value.Of(item), Index = index++ };
                if (Keeps(element, copy)) yield return copy;
            }
        }
        else
        {
            var copy = element.Data is null ? scope : scope with { Data = data };
            if (Keeps(element, copy)) yield return copy;
        }
    }

    private static bool Keeps(Element element, Scope scope) =>
        element.When is null || Evaluate(element.When, scope, substituteMissing: false).IsTrueBoolean;

    /// <summary>Writes a property's value: a removed element is null, a repeated one an array.</summary>
    private static void WriteValue(Utf8JsonWriter writer, Node node, Scope scope)
    {
        switch (node)
        {
            case Element element:
                switch (Copies(element, scope, out var first))
                {
                    case 0: writer.WriteNullValue(); break;
                    case 1: WriteObject(writer, element, first); break;
                    default:
                        writer.WriteStartArray();
                        foreach (var copy in Scopes(element, scope)) WriteObject(writer, element, copy);
                        writer.WriteEndArray();
                        break;
                }
                break;
            case Items items:
                writer.WriteStartArray();
                WriteItems(writer, items, scope);
                writer.WriteEndArray();
                break;
            default:
                WriteScalar(writer, node, scope, inArray: false);
                break;
        }
    }

    /// <summary>Writes an array's items: repeated elements and array values are spliced in, removed elements and nulls left out.</summary>
    private static void WriteItems(Utf8JsonWriter writer, Items items, Scope scope)
    {
        foreach (var node in items.Values)
        {
            switch (node)
            {
                case Element element when element.Data is null:
                    if (Keeps(element, scope)) WriteObject(writer, element, scope);
                    break;
                case Element element:
                    foreach (var copy in Scopes(element, scope)) WriteObject(writer, element, copy);
                    break;
                case Items inner:
                    WriteItems(writer, inner, scope);
                    break;
                default:
                    WriteScalar(writer, node, scope, inArray: true);
                    break;
            }
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, Element element, Scope scope)
    {
        writer.WriteStartObject();
        foreach (var property in element.Properties)
        {
            writer.WritePropertyName(property.Name);
            WriteValue(writer, property.Value, scope);
        }
        writer.WriteEndObject();
    }

    private static void WriteScalar(Utf8JsonWriter writer, Node node, Scope scope, bool inArray)
    {
        switch (node)
        {
            case Text text:
                writer.WriteStringValue(text.Plain);
                break;
            case Constant constant:
                if (!(inArray && constant.Value.ValueKind == JsonValueKind.Null)) constant.Value.WriteTo(writer);
                break;
            case Interpolation interpolation:
                writer.WriteStringValue(Interpolate(interpolation, scope));
                break;
            case WholeExpression whole:
                var value = Evaluate(whole.Expression, scope, substituteMissing: true);
                if (inArray && value.IsNull) break;
                if (inArray && value.Kind == Kind.Json && value.Json.ValueKind == JsonValueKind.Array)
                    foreach (var item in value.Json.EnumerateArray()) item.WriteTo(writer);
                else
                    WriteTyped(writer, value);
                break;
        }
    }

    private static void WriteTyped(Utf8JsonWriter writer, Value value)
    {
        switch (value.Kind)
        {
            case Kind.Json: value.Json.WriteTo(writer); break;
            case Kind.Index: writer.WriteNumberValue(value.Number); break;
            case Kind.Boolean: writer.WriteBooleanValue(value.Number == 1); break;
            default: writer.WriteStringValue(value.Text); break;
        }
    }

    [ThreadStatic] private static StringBuilder? textBuilder;

    private static string Interpolate(Interpolation interpolation, Scope scope)
    {
        var result = textBuilder ?? new StringBuilder();
        textBuilder = null;
        result.Clear();
        foreach (var part in interpolation.Parts)
        {
            if (part is Expression expression)
            {
                var value = Evaluate(expression, scope, substituteMissing: true);
                if (!AppendText(result, value))
                    throw new InvalidOperationException($"${{{expression.PathText}}} is null inside the text \"{interpolation.Source}\" (the official engine fails on this too): " +
                        $"give it a value, or guard the element with \"$when\": \"${{!!{expression.PathText}}}\".");
            }
            else
            {
                result.Append((string)part);
            }
        }
        var text = result.ToString();
        if (result.Capacity <= 4096) textBuilder = result;
        return text;
    }

    /// <summary>Appends the text JavaScript's toString() gives for a value; false for a null value.</summary>
    private static bool AppendText(StringBuilder text, Value value)
    {
        switch (value.Kind)
        {
            case Kind.Index: text.Append(value.Number); return true;
            case Kind.Boolean: text.Append(value.Number == 1 ? "true" : "false"); return true;
            case Kind.Text: text.Append(value.Text); return true;
        }
        var json = value.Json;
        switch (json.ValueKind)
        {
            case JsonValueKind.Object: text.Append("[object Object]"); return true;
            case JsonValueKind.Array:
                var first = true;
                foreach (var item in json.EnumerateArray())
                {
                    if (!first) text.Append(',');
                    first = false;
                    AppendText(text, Value.Of(item));
                }
                return true;
            case JsonValueKind.String: text.Append(json.GetString()); return true;
            case JsonValueKind.True: text.Append("true"); return true;
            case JsonValueKind.False: text.Append("false"); return true;
            case JsonValueKind.Number:
                if (json.TryGetInt64(out var integer)) text.Append(integer.ToString(CultureInfo.InvariantCulture));
                else text.Append(JavaScriptNumber(json.GetDouble()));
                return true;
            default: return false;
        }
    }

    /// <summary>Formats like JavaScript's Number.prototype.toString: shortest round-trip digits, exponent only below 1e-6 or from 1e21.</summary>
    private static string JavaScriptNumber(double number)
    {
        if (number == 0) return "0";
        var text = number.ToString("R", CultureInfo.InvariantCulture); // .NET writes an exponent below 1e-5 and from 1e15
        var e = text.IndexOf('E');
        if (e < 0) return text;
        var sign = number < 0 ? "-" : "";
        var mantissa = text[sign.Length..e];
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        if (exponent >= 21 || exponent < -6)
            return $"{sign}{mantissa}e{(exponent > 0 ? "+" : "-")}{Math.Abs(exponent)}";
        var digits = mantissa.Replace(".", "");
        if (exponent < 0)
            return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
        return sign + (digits.Length <= exponent + 1 ? digits.PadRight(exponent + 1, '0') : digits.Insert(exponent + 1, "."));
    }
}
