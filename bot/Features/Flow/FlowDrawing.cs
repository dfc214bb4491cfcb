using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Flow;

/// <summary>The flow of a release as a picture (PNG), in the reader's language: what the flow card lists, drawn.</summary>
public static class FlowDrawing
{
    public static FlowPicture.Drawing Of(CardContext c, ReleaseRequest release)
    {
        var t = c.Texts;
        return new FlowPicture.Drawing(PlainText.FromMarkdown(t.Format("flow.title", release.Key)), FlowSteps.Of(c, release), FlowSteps.PathsOf(c.Flow),
            t["situation.Resolvida"].ToLower(t.Culture), t["situation.NaoResolvida"].ToLower(t.Culture),
            t["flow.done"].ToLower(t.Culture), t["flow.current"].ToLower(t.Culture), t["flow.pending"].ToLower(t.Culture));
    }

    public static byte[] Render(CardContext c, ReleaseRequest release) => FlowPicture.Render(Of(c, release));
}
