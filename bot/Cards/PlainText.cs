using System.Text;

namespace ReleaseBot.Cards;

/// <summary>
/// People's text (names, titles, execution information, search text, catalog items, anything typed or imported) shown
/// as text. Teams renders markdown in message text and in an Adaptive Card's TextBlock and FactSet (links, emphasis,
/// lists; a TextBlock also expands <c>{{DATE(…)}}</c>), so whatever is not our own wording is escaped with
/// <see cref="Escape"/> where it is put into a card's data or a reply's text. Input values and choice titles are not
/// markdown: they stay raw.
/// </summary>
public static class PlainText
{
    /// <summary>Echoed text (an argument that was not understood, a search) is cut to this many characters.</summary>
    public const int MaxEcho = 60;

    /// <summary>Characters that mean something to markdown (CommonMark, which Teams follows) wherever they are.</summary>
    private const string Always = "\\`*_[](){}<>#&|~!";

    /// <summary>Characters that start a list or a heading at the start of a line; so does "1." (its dot is escaped).</summary>
    private const string AtLineStart = "-+=";

    /// <summary>The text with every markdown character escaped by a backslash, so that it renders as typed.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var escaped = new StringBuilder(text.Length + 8);
        var lineStart = true;
        var leadingDigits = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            // "1. " starts a list; "3.9.0" does not.
            var listMarker = leadingDigits && ch is '.' or ')' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (Always.Contains(ch) || (lineStart && AtLineStart.Contains(ch)) || listMarker) escaped.Append('\\');
            escaped.Append(ch);
            if (ch is '\n' or '\r') (lineStart, leadingDigits) = (true, false);
            else if (lineStart && ch is ' ' or '\t') continue;
            else (lineStart, leadingDigits) = (false, (lineStart || leadingDigits) && char.IsAsciiDigit(ch));
        }
        return BreakAutolinks(escaped.ToString());
    }

    /// <summary>
    /// Clients turn a bare "https://…" or "www.…" into a link whatever is escaped around it: an invisible zero-width space
    /// after the scheme's colon (and after "www") keeps it text, looking as typed.
    /// </summary>
    private static string BreakAutolinks(string text) =>
        text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)
            ? text.Replace("://", ":\u200B//", StringComparison.Ordinal)
                .Replace("www.", "www\u200B.", StringComparison.OrdinalIgnoreCase)
            : text;

    /// <summary>Echoed text: cut to <see cref="MaxEcho"/> characters (with "…"), then escaped.</summary>
    public static string Echo(string? text) => Escape(Cut(text, MaxEcho));

    /// <summary>At most <paramref name="length"/> characters, the last of them "…" when the text was longer; a surrogate pair is never split.</summary>
    public static string Cut(string? text, int length)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= length) return text ?? "";
        var end = length - 1;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end].TrimEnd() + "…";
    }

    /// <summary>
    /// Markdown as plain text, for places that show text as it is (the pop-up of an invoke's message response): our
    /// emphasis (<c>**…**</c>) is dropped and escaped characters lose their backslash.
    /// </summary>
    public static string FromMarkdown(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        var plain = new StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            var ch = markdown[i];
            if (ch == '\u200B') continue; // the autolink breaker of Escape
            if (ch == '\\' && i + 1 < markdown.Length && markdown[i + 1] is > ' ' and < (char)127 && !char.IsAsciiLetterOrDigit(markdown[i + 1]))
                plain.Append(markdown[++i]);
            else if (ch == '*' && i + 1 < markdown.Length && markdown[i + 1] == '*')
                i++;
            else
                plain.Append(ch);
        }
        return plain.ToString();
    }
}
