using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Cards;

/// <summary>
/// Binds an Adaptive Card template to data. Implements the subset of the Adaptive Cards Templating
/// language that our cards use, with the results of the official engine (adaptivecards-templating 2.3.1,
/// checked by tests/card-conformance):
/// <list type="bullet">
/// <item><c>${path}</c> in a string, path like <c>a.b</c>, <c>$root.a</c>, <c>$data.a</c>, <c>$index</c>;
/// property names match case-insensitively. A string that is exactly one <c>${path}</c> takes the typed value;
/// otherwise values are written as JavaScript would (true, 1.5, "a,b" for arrays). A missing value stays as the
/// text <c>${path}</c>; a null value inside text is an error (the official engine fails there too).</item>
/// <item><c>${!path}</c> is true when the value is false, null or missing (0 and "" count as true); <c>${!!path}</c> negates that.</item>
/// <item><c>$data</c> binds an element to a value; an array repeats the element per item, with <c>$index</c>.</item>
/// <item><c>$when</c> keeps an element only when it evaluates to the boolean <c>true</c>.</item>
/// </list>
/// A removed element disappears from its array, and becomes null as a property value. Anything outside the
/// subset (functions, operators, literals, indexing, escapes) throws a <see cref="FormatException"/>.
/// </summary>
public static class CardTemplate
{
    private static readonly string[] ReservedKeys = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];
    private static readonly string[] ReservedHeads = ["$root", "$data", "$index"];
    private static readonly string[] Literals = ["true", "false", "null", "undefined"];

    /// <summary>Each template string parsed once: templates are few and fixed, and bound on every card.</summary>
    private static readonly ConcurrentDictionary<string, object[]> Parsed = new(StringComparer.Ordinal);

    private sealed record Scope(JToken Root, JToken Data, JToken? Index);

    /// <summary>An expression: a property path, negated <see cref="Nots"/> times with <c>!</c>.</summary>
    private sealed record Expression(int Nots, string[] Path)
    {
        public string PathText => string.Join(".", Path);
    }

    public static JObject Bind(JObject template, JToken data)
    {
        ArgumentNullException.ThrowIfNull(template);
        data ??= JValue.CreateNull();
        return BindNode(template, new Scope(data, data, null)) as JObject
            ?? throw new FormatException("The template's root must bind to exactly one object: check the $data and $when on it.");
    }

    /// <summary>Binds one node. An element removed by $when or by an empty $data gives a null token;
    /// an element repeated by $data gives an array, which the enclosing array splices in.</summary>
    private static JToken BindNode(JToken node, Scope scope) => node switch
    {
        JObject element => BindElement(element, scope),
        JArray array => BindArray(array, scope),
        JValue { Type: JTokenType.String } text => BindString((string)text!, scope),
        _ => node.DeepClone(),
    };

    private static JArray BindArray(JArray array, Scope scope)
    {
        var result = new JArray();
        foreach (var item in array)
        {
            var bound = BindNode(item, scope);
            if (bound is JArray many)
                foreach (var one in many) result.Add(one);
            else if (bound.Type != JTokenType.Null)
                result.Add(bound);
        }
        return result;
    }

    private static JToken BindElement(JObject element, Scope scope)
    {
        var scopes = new List<Scope>();
        if (element.TryGetValue("$data", out var dataBinding))
        {
            var data = Evaluate(ParseSingle(dataBinding, "$data"), scope, substituteMissing: true)!;
            if (data is JArray items)
                scopes.AddRange(items.Select((item, i) => scope with { Data = item, Index = new JValue(i) }));
            else
                scopes.Add(scope with { Data = data });
        }
        else
        {
            scopes.Add(scope);
        }

        var when = element.TryGetValue("$when", out var whenBinding) ? ParseSingle(whenBinding, "$when") : null;
        var copies = new List<JObject>();
        foreach (var itemScope in scopes)
        {
            if (when is not null && Evaluate(when, itemScope, substituteMissing: false) is not JValue { Type: JTokenType.Boolean, Value: true })
                continue;
            var copy = new JObject();
            for (var property = element.First as JProperty; property is not null; property = property.Next as JProperty)
                if (!ReservedKeys.Contains(property.Name)) copy.Add(property.Name, BindNode(property.Value, itemScope));
            copies.Add(copy);
        }
        return copies.Count switch { 0 => JValue.CreateNull(), 1 => copies[0], _ => new JArray(copies) };
    }

    private static JToken BindString(string text, Scope scope)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
            return new JValue(text);
        var parts = Parse(text);
        if (parts is [Expression whole])
            return Evaluate(whole, scope, substituteMissing: true)!.DeepClone();

        var result = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is Expression expression)
                result.Append(ToText(Evaluate(expression, scope, substituteMissing: true)!)
                    ?? throw new InvalidOperationException($"${{{expression.PathText}}} is null inside the text \"{text}\" (the official engine fails on this too): " +
                        $"give it a value, or guard the element with \"$when\": \"${{!!{expression.PathText}}}\"."));
            else
                result.Append((string)part);
        }
        return new JValue(result.ToString());
    }

    /// <summary>Evaluates in a scope. A missing value is null, or with <paramref name="substituteMissing"/> the text "${path}".</summary>
    private static JToken? Evaluate(Expression expression, Scope scope, bool substituteMissing)
    {
        var path = expression.Path;
        var value = path[0].ToLowerInvariant() switch
        {
            "$root" => scope.Root,
            "$data" => scope.Data,
            "$index" => scope.Index,
            _ => Property(scope.Data, path[0]),
        };
        foreach (var name in path.Skip(1))
            value = Property(value, name);

        if (expression.Nots > 0)
        {
            var isTrue = value is not null && value.Type is not (JTokenType.Null or JTokenType.Undefined)
                && (value.Type != JTokenType.Boolean || (bool)value);
            return new JValue(expression.Nots % 2 == 0 ? isTrue : !isTrue);
        }
        return value ?? (substituteMissing ? new JValue($"${{{expression.PathText}}}") : null);
    }

    private static JToken? Property(JToken? scope, string name) => (scope as JObject)?.GetValue(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The text JavaScript's toString() gives for a value; null for a null value.</summary>
    private static string? ToText(JToken value) => value switch
    {
        JObject => "[object Object]",
        JArray array => string.Join(",", array.Select(item => ToText(item) ?? "")),
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } text => (string)text!,
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "true" : "false",
        JValue { Type: JTokenType.Integer } number => Convert.ToString(number.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Float } number => JavaScriptNumber(Convert.ToDouble(number.Value, CultureInfo.InvariantCulture)),
        // Dates, Guids, Uris and TimeSpans are strings in JSON: use the string that the JSON carries.
        _ => JsonConvert.DeserializeObject<string>(value.ToString(Formatting.None), new JsonSerializerSettings { DateParseHandling = DateParseHandling.None }),
    };

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

    /// <summary>Splits a string into literal text and expressions.</summary>
    private static object[] Parse(string text) => Parsed.GetOrAdd(text, static t => [.. ParseNew(t)]);

    private static List<object> ParseNew(string text)
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
        return new Expression(nots, path);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !Literals.Contains(name);

    private static Expression ParseSingle(JToken binding, string keyword) =>
        binding is JValue { Type: JTokenType.String } text && Parse((string)text!) is [Expression expression]
            ? expression
            : throw new FormatException($"{keyword} must be one ${{path}} or ${{!path}} expression and nothing else, not {binding.ToString(Formatting.None)}.");
}
