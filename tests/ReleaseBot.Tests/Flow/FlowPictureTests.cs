using ReleaseBot.Features.Flow;
using SkiaSharp;
using static ReleaseBot.Features.Flow.FlowPicture;

namespace ReleaseBot.Tests.Flow;

public class FlowPictureTests
{
    /// <summary>The demo's flow, five steps: Registration and Authorization done, Execution current; Authorization goes back to Registration when not resolved, Execution to itself, Verification back to Execution.</summary>
    public static Drawing Typical(bool portuguese = false) => portuguese
        ? new("Fluxo — REL-1001",
            [
                new("registro", "Registro", StepState.Done, "Concluída por João Gonçalves · 12/02/2026 11:05 (Horário de Brasília)"),
                new("autorizacao", "Autorização", StepState.Done, "Aprovada por Conceição Araújo · 12/02/2026 14:30 (Horário de Brasília)"),
                new("execucao", "Execução", StepState.Current, "Responsável: Inês Simões"),
                new("verificacao", "Verificação", StepState.Pending, "Aguardando: Garantia de Qualidade"),
                new("encerramento", "Encerramento", StepState.Pending, "Aguardando: Gestores de Liberação"),
            ],
            TypicalPaths(), "resolvida", "não resolvida", "concluída", "atual", "pendente")
        : new("Flow of REL-1001",
            [
                new("registro", "Registration", StepState.Done, "Done by Alex Wilber · 02/12/2026 14:05 (UTC)"),
                new("autorizacao", "Authorization", StepState.Done, "Approved by Megan Bowen · 02/12/2026 17:30 (UTC)"),
                new("execucao", "Execution", StepState.Current, "Assignee: Alex Wilber"),
                new("verificacao", "Verification", StepState.Pending, "Waiting for: Quality Assurance"),
                new("encerramento", "Closure", StepState.Pending, "Waiting for: Release Managers"),
            ],
            TypicalPaths(), "resolved", "not resolved", "done", "current", "pending");

    private static PathView[] TypicalPaths() =>
    [
        new("registro", "autorizacao", false), new("autorizacao", "execucao", false), new("execucao", "verificacao", false),
        new("verificacao", "encerramento", false),
        new("autorizacao", "registro", true), new("execucao", "execucao", true), new("verificacao", "execucao", true),
    ];

    private static Drawing Linear(params StepView[] steps) =>
        new("Flow of REL-1", steps, [.. steps.Zip(steps.Skip(1), (a, b) => new PathView(a.Key, b.Key, false))],
            "resolved", "not resolved", "done", "current", "pending");

    private static SKBitmap Picture(Drawing drawing) =>
        SKBitmap.Decode(Render(drawing)) ?? throw new Xunit.Sdk.XunitException("The PNG does not decode");

    /// <summary>The share of the pixels inside the box, within its border, that have the colour.</summary>
    private static double ShareOf(SKBitmap picture, SKRect box, SKColor colour)
    {
        int all = 0, matching = 0;
        for (var y = (int)box.Top + 5; y < (int)box.Bottom - 5; y++)
            for (var x = (int)box.Left + 5; x < (int)box.Right - 5; x++, all++)
                if (picture.GetPixel(x, y) == colour) matching++;
        return (double)matching / all;
    }

    /// <summary>Points inside the box, just within its border and away from its text and mark.</summary>
    private static SKPoint[] InnerEdge(SKRect box) =>
    [
        new(box.MidX, box.Top + 8), new(box.MidX, box.Bottom - 7), new(box.Right - 8, box.MidY), new(box.Left + 7, box.Bottom - 12),
        new(box.Right - 10, box.Top + 10),
    ];

    [Fact]
    public void The_png_decodes_at_the_measured_size_readable_in_a_card()
    {
        var layout = Measure(Typical());
        using var picture = Picture(Typical());

        Assert.Equal(layout.Width, picture.Width);
        Assert.Equal(layout.Height, picture.Height);
        Assert.InRange(picture.Width, 560, 720);
        Assert.Equal(["registro", "autorizacao", "execucao", "verificacao", "encerramento"], layout.Boxes.OrderBy(b => b.Value.Top).Select(b => b.Key));
        Assert.All(layout.Boxes.Values, box => Assert.True(box.Left >= 0 && box.Right <= picture.Width && box.Top >= 0 && box.Bottom <= picture.Height, $"{box} is outside the picture"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_current_steps_box_is_filled_with_the_highlight_and_the_others_are_not(bool portuguese)
    {
        var layout = Measure(Typical(portuguese));
        using var picture = Picture(Typical(portuguese));

        var current = layout.Boxes["execucao"];
        Assert.All(InnerEdge(current), p => Assert.Equal(Highlight, picture.GetPixel((int)p.X, (int)p.Y)));
        Assert.True(ShareOf(picture, current, Highlight) > 0.6, $"only {ShareOf(picture, current, Highlight):P0} of the current box is highlighted");
        foreach (var other in new[] { "registro", "autorizacao", "verificacao", "encerramento" })
        {
            Assert.All(InnerEdge(layout.Boxes[other]), p => Assert.NotEqual(Highlight, picture.GetPixel((int)p.X, (int)p.Y)));
            Assert.True(ShareOf(picture, layout.Boxes[other], Highlight) < 0.01, $"the box of {other} is highlighted");
        }
    }

    [Fact]
    public void The_highlight_follows_the_current_step()
    {
        var drawing = Typical() with
        {
            Steps = [.. Typical().Steps.Select(s => s with { State = s.Key == "verificacao" ? StepState.Current : s.Key == "execucao" ? StepState.Done : s.State })],
        };
        var layout = Measure(drawing);
        using var picture = Picture(drawing);

        Assert.True(ShareOf(picture, layout.Boxes["verificacao"], Highlight) > 0.6);
        Assert.True(ShareOf(picture, layout.Boxes["execucao"], Highlight) < 0.01);
    }

    [Fact]
    public void Every_character_of_a_portuguese_drawing_has_a_glyph_in_the_embedded_fonts()
    {
        var drawing = Typical(portuguese: true);
        using var regular = new SKFont(RegularTypeface);
        using var bold = new SKFont(BoldTypeface);
        string[] texts = [drawing.Title, .. drawing.Steps.SelectMany(s => new[] { s.Name, s.Detail }), drawing.ResolvedWord, drawing.NotResolvedWord,
            drawing.DoneWord, drawing.CurrentWord, drawing.PendingWord, "ç ã é õ á í ó ú â ê ô à Ç Ã É Õ", "…"];

        Assert.Equal("DejaVu Sans", RegularTypeface.FamilyName);
        Assert.Equal("DejaVu Sans", BoldTypeface.FamilyName);
        Assert.True(BoldTypeface.IsBold);
        Assert.All(texts, text => Assert.True(regular.ContainsGlyphs(text) && bold.ContainsGlyphs(text), $"a glyph of \"{text}\" is missing"));
        Assert.False(regular.ContainsGlyphs("漢字"), "the check finds a missing glyph");
    }

    [Fact]
    public void Thirty_steps_render_in_order_without_overlapping_boxes()
    {
        var steps = Enumerable.Range(1, 30)
            .Select(i => new StepView($"s{i}", $"Step {i}", i < 12 ? StepState.Done : i == 12 ? StepState.Current : StepState.Pending, $"Waiting for: Group {i}"))
            .ToArray();
        var drawing = Linear(steps) with
        {
            Paths = [.. Linear(steps).Paths, .. Enumerable.Range(2, 29).Select(i => new PathView($"s{i}", $"s{Math.Max(1, i - 1 - i % 4)}", true))],
        };
        var layout = Measure(drawing);
        using var picture = Picture(drawing);

        Assert.Equal((layout.Width, layout.Height), (picture.Width, picture.Height));
        var boxes = steps.Select(s => layout.Boxes[s.Key]).ToList();
        Assert.All(boxes.Zip(boxes.Skip(1)), pair => Assert.True(pair.First.Bottom + 20 <= pair.Second.Top, $"{pair.First} and {pair.Second} overlap or touch"));
        Assert.All(boxes, box => Assert.True(box.Left >= 0 && box.Right <= picture.Width && box.Bottom <= picture.Height && box.Width >= 300, $"{box} is cramped or outside"));
        Assert.True(ShareOf(picture, layout.Boxes["s12"], Highlight) > 0.6);
    }

    [Fact]
    public void Long_names_and_details_are_wrapped_or_cut_inside_their_boxes()
    {
        var longName = string.Join(' ', Enumerable.Repeat("Homologação das integrações de pagamento", 8));
        var unbreakable = new string('W', 300);
        var drawing = Linear(
            new StepView("a", longName, StepState.Done, longName),
            new StepView("b", unbreakable, StepState.Current, unbreakable),
            new StepView("c", "Closure", StepState.Pending, ""));
        var layout = Measure(drawing);
        using var picture = Picture(drawing);

        foreach (var box in layout.Boxes.Values)
        {
            Assert.InRange(box.Height, 50, 2 * 14 + 2 * 30 + 2 + 2 * 25);
            for (var y = (int)box.Top; y < (int)box.Bottom; y++)
                foreach (var x in Enumerable.Range(0, (int)box.Left - 1).Concat(Enumerable.Range((int)box.Right + 1, picture.Width - (int)box.Right - 1)))
                    Assert.True(picture.GetPixel(x, y) == SKColors.White, $"ink at ({x}, {y}) beside the box {box}");
        }
    }

    [Fact]
    public void Text_is_wrapped_between_words_and_cut_with_an_ellipsis()
    {
        using var font = new SKFont(BoldTypeface, 24);

        Assert.Equal(["Execução"], Wrap("  Execução ", font, 300, 2));
        var lines = Wrap("Homologação das integrações de pagamento com o banco central e os parceiros", font, 300, 2);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Homologação", lines[0]);
        Assert.EndsWith("…", lines[1]);
        Assert.All(lines, line => Assert.True(font.MeasureText(line) <= 300, $"\"{line}\" is wider than 300"));
        Assert.All(Wrap(new string('W', 100), font, 300, 3), line => Assert.InRange(font.MeasureText(line), 1, 300));
        Assert.Empty(Wrap("", font, 300, 2));
    }

    [Fact]
    public void A_not_resolved_path_is_a_dashed_arrow_in_its_colour_right_of_the_boxes()
    {
        var withBack = Typical();
        var layout = Measure(withBack);
        using var picture = Picture(withBack);
        var onlyResolved = withBack with { Paths = [.. withBack.Paths.Where(p => !p.NotResolved)] };
        using var resolvedPicture = Picture(onlyResolved);
        var registro = layout.Boxes["registro"];
        var autorizacao = layout.Boxes["autorizacao"];

        int Count(SKBitmap bitmap, int top, int bottom) =>
            Enumerable.Range(top, bottom - top).Sum(y => Enumerable.Range((int)registro.Right + 1, bitmap.Width - (int)registro.Right - 1)
                .Count(x => bitmap.GetPixel(x, y) == NotResolvedArrow));

        var lane = Enumerable.Range((int)registro.Right + 1, picture.Width - (int)registro.Right - 1)
            .MaxBy(x => Enumerable.Range((int)registro.Bottom, (int)(autorizacao.Top - registro.Bottom)).Count(y => picture.GetPixel(x, y) == NotResolvedArrow));
        var alongTheLane = Enumerable.Range((int)registro.MidY, (int)(autorizacao.MidY - registro.MidY)).Select(y => picture.GetPixel(lane, y) == NotResolvedArrow).ToList();

        Assert.True(Count(picture, (int)registro.Top, (int)autorizacao.Bottom) > 100, "no not-resolved arrow beside Registration and Authorization");
        Assert.True(alongTheLane.Count(c => c) > alongTheLane.Count / 3 && alongTheLane.Count(c => !c) > 5, "the lane is not dashed");
        Assert.Equal(0, Count(resolvedPicture, 0, resolvedPicture.Height));
    }

    [Fact]
    public void A_resolved_path_that_skips_a_step_is_routed_left_of_the_boxes()
    {
        var steps = Typical().Steps;
        var linear = Linear([.. steps]);
        var skipping = linear with { Paths = [.. linear.Paths, new("autorizacao", "verificacao", false)] };
        var layout = Measure(skipping);
        using var picture = Picture(skipping);
        using var linearPicture = Picture(linear);
        var linearLayout = Measure(linear);

        int Ink(SKBitmap bitmap, Layout boxes) => Enumerable.Range((int)boxes.Boxes["autorizacao"].Top, (int)(boxes.Boxes["verificacao"].Bottom - boxes.Boxes["autorizacao"].Top))
            .Sum(y => Enumerable.Range(0, (int)boxes.Boxes["autorizacao"].Left - 1).Count(x => bitmap.GetPixel(x, y) != SKColors.White));

        Assert.True(layout.Boxes["autorizacao"].Left > linearLayout.Boxes["autorizacao"].Left, "no room is made for the arrow");
        Assert.True(Ink(picture, layout) > 100, "no arrow left of the boxes");
        Assert.Equal(0, Ink(linearPicture, linearLayout));
    }

    [Fact]
    public void A_path_to_a_step_that_is_not_drawn_is_refused()
    {
        var drawing = Typical() with { Paths = [new("registro", "nowhere", false)] };

        Assert.Throws<ArgumentException>(() => Render(drawing));
        Assert.Throws<ArgumentException>(() => Measure(Typical() with { Steps = [.. Typical().Steps, Typical().Steps[0]] }));
    }

    [Fact]
    public void Pictures_rendered_at_once_are_all_the_same()
    {
        var expected = Render(Typical(portuguese: true));
        var pictures = new byte[16][];

        Parallel.For(0, pictures.Length, i => pictures[i] = Render(Typical(portuguese: true)));

        Assert.All(pictures, picture => Assert.Equal(expected, picture));
    }
}
