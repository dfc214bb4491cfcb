using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Features.Flow;

namespace ReleaseBot.Web;

/// <summary>
/// The read-only page of a release, for a browser: its details and closure, linked items, the flow as a picture and as a
/// list, and the execution log, in the reader's language. Plain HTML with one stylesheet and no script.
/// </summary>
public static class ReleasePage
{
    /// <summary>The page's only style; the Content-Security-Policy allows it by its hash and nothing else inline.</summary>
    private const string Style = """
        body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;background:#f5f5f5;color:#242424;line-height:1.45}
        main{max-width:880px;margin:0 auto;padding:24px 16px 48px}
        .app{color:#5b5fc7;font-weight:600;margin:0}
        h1{font-size:1.6rem;margin:.2rem 0 .5rem}
        h2{font-size:1.15rem;margin:0 0 .75rem}
        section{background:#fff;border-radius:8px;padding:16px 20px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.12)}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 20px;margin:0}
        dt{color:#616161}dd{margin:0}
        img{max-width:100%;height:auto;display:block;margin:0 auto 12px}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;vertical-align:top;padding:6px 8px;border-top:1px solid #e0e0e0}
        th{color:#616161;font-weight:600;border-top:0}
        .current{font-weight:700}
        .state{color:#616161}
        """;

    /// <summary>What the page's Content-Security-Policy header says: images from this app, the style above, nothing else.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; img-src 'self'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // Every letter as it is (the page is UTF-8); only what HTML gives a meaning to is escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(CardContext c, ReleaseRequest release, IReadOnlyList<ExecutionLogEntry> log, bool logIsCut, string picture)
    {
        var t = c.Texts;
        var page = new StringBuilder(16 * 1024);
        var title = $"{release.Key} · {release.Title}";
        Start(page, t.Language, title);
        page.Append("<header><p class=\"app\">ReleaseBot</p><h1>").Append(Html.Encode(title)).Append("</h1>");
        if (release.Description.Length > 0) page.Append("<p>").Append(Html.Encode(release.Description)).Append("</p>");
        page.Append("</header>");

        Section(page, "details", t["page.details"]);
        Facts(page, ReleaseCard.Facts(c, release));
        page.Append("</section>");

        if (ReleaseCard.Closure(c, release) is { Count: > 0 } closure)
        {
            Section(page, "closure", PlainText.FromMarkdown(ReleaseCard.ClosureTitle(c, release)));
            Facts(page, closure);
            page.Append("</section>");
        }

        Section(page, "links", t["label.linkedItems"]);
        if (release.Links.Count == 0) page.Append("<p>").Append(Html.Encode(t["label.nothingLinked"])).Append("</p>");
        else
        {
            page.Append("<ul>");
            foreach (var link in ReleaseCard.LinkRows(c, release)) page.Append("<li>").Append(Html.Encode(link.Choice)).Append("</li>");
            page.Append("</ul>");
        }
        page.Append("</section>");

        Section(page, "flow", t.Format("flow.title", release.Key));
        page.Append("<img src=\"").Append(Html.Encode(picture)).Append("\" alt=\"").Append(Html.Encode(t.Format("flow.pictureAlt", release.Key))).Append("\">");
        page.Append("<ol>");
        foreach (var step in FlowSteps.Of(c, release))
        {
            var state = t["flow." + step.State.ToString().ToLowerInvariant()];
            page.Append(step.State == StepState.Current ? "<li class=\"current\" aria-current=\"step\">" : "<li>")
                .Append(Html.Encode(step.Name)).Append(" <span class=\"state\">(").Append(Html.Encode(state)).Append(")</span>");
            if (step.Detail.Length > 0) page.Append(" — ").Append(Html.Encode(step.Detail));
            page.Append("</li>");
        }
        page.Append("</ol></section>");

        Section(page, "log", t.Format("log.title", release.Key));
        if (log.Count == 0) page.Append("<p>").Append(Html.Encode(t["log.empty"])).Append("</p>");
        else
        {
            page.Append("<table><thead><tr><th scope=\"col\">").Append(Html.Encode(t["page.when"])).Append("</th><th scope=\"col\">")
                .Append(Html.Encode(t["page.who"])).Append("</th><th scope=\"col\">").Append(Html.Encode(t["page.what"])).Append("</th></tr></thead><tbody>");
            foreach (var entry in log)
            {
                page.Append("<tr><td>").Append(Html.Encode(c.When(entry.At))).Append("</td><td>").Append(Html.Encode(entry.ActorName)).Append("</td><td>")
                    .Append(Html.Encode(PlainText.FromMarkdown(OccurrenceText.Of(c, entry))));
                if (entry.Text is { } text && entry.Occurrence != Occurrence.NoteAdded) page.Append("<br>").Append(Html.Encode(text));
                page.Append("</td></tr>");
            }
            page.Append("</tbody></table>");
            if (logIsCut) page.Append("<p>").Append(Html.Encode(t.Format("page.logCut", log.Count))).Append("</p>");
        }
        page.Append("</section></main></body></html>");
        return page.ToString();
    }

    /// <summary>A page that says only <paramref name="message"/>, e.g. that there is no such release.</summary>
    public static string Message(string language, string title, string message)
    {
        var page = new StringBuilder();
        Start(page, language, title);
        page.Append("<h1>").Append(Html.Encode(title)).Append("</h1><p>").Append(Html.Encode(message)).Append("</p></main></body></html>");
        return page.ToString();
    }

    private static void Start(StringBuilder page, string language, string title) => page
        .Append("<!DOCTYPE html><html lang=\"").Append(Html.Encode(language)).Append("\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(Html.Encode(title)).Append(" — ReleaseBot</title>")
        .Append("<style>").Append(Style).Append("</style></head><body><main>");

    private static void Section(StringBuilder page, string id, string heading) => page
        .Append("<section aria-labelledby=\"").Append(id).Append("\"><h2 id=\"").Append(id).Append("\">").Append(Html.Encode(heading)).Append("</h2>");

    /// <summary>Facts are card text: their markdown escapes are dropped before they become HTML.</summary>
    private static void Facts(StringBuilder page, IEnumerable<Fact> facts)
    {
        page.Append("<dl>");
        foreach (var fact in facts)
            page.Append("<dt>").Append(Html.Encode(PlainText.FromMarkdown(fact.Name))).Append("</dt><dd>").Append(Html.Encode(PlainText.FromMarkdown(fact.Value))).Append("</dd>");
        page.Append("</dl>");
    }
}
