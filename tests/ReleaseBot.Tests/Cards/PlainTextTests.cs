using ReleaseBot.Cards;

namespace ReleaseBot.Tests.Cards;

public class PlainTextTests
{
    [Theory]
    [InlineData("Alex Wilber", "Alex Wilber")]
    [InlineData("[click](https://evil.example)", "\\[click\\]\\(https:\u200B//evil.example\\)")] // no bare link either
    [InlineData("**bold** _italic_ `code` ~~gone~~", @"\*\*bold\*\* \_italic\_ \`code\` \~\~gone\~\~")]
    [InlineData("# title", @"\# title")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("<b>html</b> &amp; | table", @"\<b\>html\</b\> \&amp; \| table")]
    [InlineData(@"C:\path", @"C:\\path")]
    [InlineData("{{DATE(2026-11-25T09:00:00Z, SHORT)}}", @"\{\{DATE\(2026-11-25T09:00:00Z, SHORT\)\}\}")]
    [InlineData("![image](https://evil.example/x.png)", "\\!\\[image\\]\\(https:\u200B//evil.example/x.png\\)")]
    [InlineData("see www.evil.example", "see www\u200B.evil.example")]
    [InlineData("3.9.0", "3.9.0")] // a version, not a list
    [InlineData("12. step", @"12\. step")]
    public void Markdown_characters_are_escaped_wherever_they_are(string text, string escaped) =>
        Assert.Equal(escaped, PlainText.Escape(text));

    [Theory]
    [InlineData("- item\n+ item\n  - nested", "\\- item\n\\+ item\n  \\- nested")]
    [InlineData("1. first\r\n2) second", "1\\. first\r\n2\\) second")]
    [InlineData("===\nheading", "\\===\nheading")]
    [InlineData("REL-1001 v2.4.0, rolled back - again + 1. Then 2.", "REL-1001 v2.4.0, rolled back - again + 1. Then 2.")]
    public void Lists_and_headings_are_escaped_only_at_the_start_of_a_line(string text, string escaped) =>
        Assert.Equal(escaped, PlainText.Escape(text));

    [Fact]
    public void Echoed_text_is_cut_then_escaped()
    {
        Assert.Equal("short", PlainText.Echo("short"));
        var echoed = PlainText.Echo(new string('*', 1_000_000));
        Assert.Equal(string.Concat(Enumerable.Repeat(@"\*", PlainText.MaxEcho - 1)) + "…", echoed);
        // A character outside the basic plane is never cut in half.
        var cut = PlainText.Cut(new string('a', PlainText.MaxEcho - 2) + "😀😀", PlainText.MaxEcho);
        Assert.Equal(new string('a', PlainText.MaxEcho - 2) + "…", cut);
        Assert.Equal("", PlainText.Echo(null));
    }

    [Theory]
    [InlineData("I could not read that action. Open the release again, for example: **open REL-1001**.", "I could not read that action. Open the release again, for example: open REL-1001.")]
    [InlineData(@"I found no release \[click\]\(https://evil.example\)\*\*. Type **find** to search.", "I found no release [click](https://evil.example)**. Type find to search.")]
    public void Markdown_becomes_plain_text_for_places_that_show_text_as_it_is(string markdown, string plain) =>
        Assert.Equal(plain, PlainText.FromMarkdown(markdown));

    [Theory]
    [InlineData("# title **bold** [click](https://evil.example)\n1. - > <x> & {{y}} \\ |~`_!")]
    [InlineData("Alex Wilber")]
    public void Escaped_text_read_as_plain_text_is_the_text(string text) =>
        Assert.Equal(text, PlainText.FromMarkdown(PlainText.Escape(text)));
}
