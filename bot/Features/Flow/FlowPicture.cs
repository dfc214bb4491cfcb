using System.Text;
using SkiaSharp;

namespace ReleaseBot.Features.Flow;

/// <summary>
/// The flow of a release as a PNG ("Visualizar fluxo" as a picture): one box per step, top to bottom in flow order,
/// done steps with who and when, the current step highlighted; resolved paths as solid arrows (straight down to the
/// next box, or routed on the left), not-resolved paths as dashed arrows routed on the right. Sized for the image of an
/// Adaptive Card in Teams (about twice the card's width in CSS pixels). Every text arrives localised; the fonts are
/// embedded (DejaVu Sans), so the picture is the same on every machine.
/// </summary>
public static partial class FlowPicture
{
    /// <summary>Everything drawn, localised by the caller: the title, the steps in flow order, the paths, and the legend's words.</summary>
    public sealed record Drawing(string Title, IReadOnlyList<StepView> Steps, IReadOnlyList<PathView> Paths,
        string ResolvedWord, string NotResolvedWord, string DoneWord, string CurrentWord, string PendingWord);

    /// <summary>The picture's size and where each step's box is, in pixels of the PNG, by step key.</summary>
    public sealed record Layout(int Width, int Height, IReadOnlyDictionary<string, SKRect> Boxes);

    /// <summary>The fill of the current step's box.</summary>
    public static SKColor Highlight { get; } = new(0xE8, 0xEB, 0xFA);

    /// <summary>The colour of the not-resolved arrows.</summary>
    public static SKColor NotResolvedArrow { get; } = new(0xC4, 0x31, 0x4B);

    internal static SKTypeface RegularTypeface { get; } = LoadTypeface("DejaVuSans.ttf");

    internal static SKTypeface BoldTypeface { get; } = LoadTypeface("DejaVuSans-Bold.ttf");

    /// <exception cref="ArgumentException">Two steps share a key, or a path names a step that is not drawn.</exception>
    public static Layout Measure(Drawing drawing)
    {
        using var fonts = new Fonts();
        return Scene.Of(drawing, fonts).Layout;
    }

    /// <summary>The picture as PNG bytes.</summary>
    /// <exception cref="ArgumentException">Two steps share a key, or a path names a step that is not drawn.</exception>
    public static byte[] Render(Drawing drawing)
    {
        using var fonts = new Fonts();
        var scene = Scene.Of(drawing, fonts);
        using var surface = SKSurface.Create(new SKImageInfo(scene.Layout.Width, scene.Layout.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"No surface of {scene.Layout.Width}×{scene.Layout.Height} pixels");
        Paint(surface.Canvas, scene, fonts);
        using var pixels = surface.PeekPixels();
        // The Sub filter alone encodes in about two thirds of the time of all filters, for a file ~1% larger.
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 6)) ?? throw new InvalidOperationException("The picture does not encode as PNG");
        return png.ToArray();
    }

    private static readonly SKColor TitleInk = new(0x24, 0x24, 0x24), ResolvedArrow = new(0x61, 0x61, 0x61), Accent = new(0x5B, 0x5F, 0xC7);
    private const float ArrowWidth = 3, HeadLength = 12, HeadHalfWidth = 6.5f, CornerRadius = 10;

    /// <summary>How a box of each state looks.</summary>
    private sealed record Look(SKColor Fill, SKColor Border, float BorderWidth, SKColor Mark, SKColor NameInk, SKColor DetailInk)
    {
        public static Look Of(StepState state) => state switch
        {
            StepState.Done => new(new(0xF1, 0xF8, 0xF2), new(0x5A, 0xA4, 0x69), 2, new(0x2E, 0x7D, 0x32), TitleInk, new(0x4A, 0x4A, 0x4A)),
            StepState.Current => new(Highlight, Accent, 4, Accent, TitleInk, new(0x3A, 0x3A, 0x3A)),
            _ => new(new(0xFA, 0xFA, 0xFA), new(0xC4, 0xC4, 0xC4), 2, new(0x9E, 0x9E, 0x9E), new(0x50, 0x50, 0x50), new(0x70, 0x70, 0x70)),
        };
    }

    private static void Paint(SKCanvas canvas, Scene scene, Fonts fonts)
    {
        canvas.Clear(SKColors.White);
        var y = (float)Margin;
        foreach (var line in scene.TitleLines)
        {
            Text(canvas, line, Margin, y, TitleLineHeight, fonts.Title, TitleInk);
            y += TitleLineHeight;
        }
        foreach (var item in scene.Legend) LegendEntry(canvas, item, fonts.Legend);
        foreach (var box in scene.Boxes) StepBox(canvas, box, fonts);
        foreach (var arrow in scene.Arrows) ArrowLine(canvas, arrow.Points, arrow.NotResolved);
        if (scene.End is { } end)
        {
            using var ring = new SKPaint { IsAntialias = true, Color = ResolvedArrow, Style = SKPaintStyle.Stroke, StrokeWidth = ArrowWidth };
            using var dot = new SKPaint { IsAntialias = true, Color = ResolvedArrow };
            canvas.DrawCircle(end, EndMarkerRadius - ArrowWidth / 2, ring);
            canvas.DrawCircle(end, EndMarkerRadius - 5, dot);
        }
    }

    private static void StepBox(SKCanvas canvas, Box box, Fonts fonts)
    {
        var look = Look.Of(box.Step.State);
        Frame(canvas, box.Rect, CornerRadius, look);
        var top = box.TextTop;
        StateMark(canvas, box.Step.State, new SKPoint(box.Rect.Left + 16 + MarkRadius, top + NameLineHeight / 2), look.Mark);
        var x = box.Rect.Left + TextIndent;
        foreach (var line in box.NameLines)
        {
            Text(canvas, line, x, top, NameLineHeight, fonts.Name, look.NameInk);
            top += NameLineHeight;
        }
        top = box.TextTop + Math.Max(1, box.NameLines.Count) * NameLineHeight + 2;
        foreach (var line in box.DetailLines)
        {
            Text(canvas, line, x, top, DetailLineHeight, fonts.Detail, look.DetailInk);
            top += DetailLineHeight;
        }
    }

    /// <summary>A rounded box with its border inside the rectangle.</summary>
    private static void Frame(SKCanvas canvas, SKRect rect, float radius, Look look)
    {
        using var fill = new SKPaint { IsAntialias = true, Color = look.Fill };
        using var border = new SKPaint { IsAntialias = true, Color = look.Border, Style = SKPaintStyle.Stroke, StrokeWidth = look.BorderWidth };
        canvas.DrawRoundRect(rect, radius, radius, fill);
        var inset = look.BorderWidth / 2;
        canvas.DrawRoundRect(SKRect.Inflate(rect, -inset, -inset), radius - inset, radius - inset, border);
    }

    /// <summary>✓ on green for done, ▶ on the accent for current, an empty ring for pending; drawn, so no font needs the glyphs.</summary>
    private static void StateMark(SKCanvas canvas, StepState state, SKPoint centre, SKColor color)
    {
        using var disc = new SKPaint { IsAntialias = true, Color = color };
        using var white = new SKPaint { IsAntialias = true, Color = SKColors.White };
        switch (state)
        {
            case StepState.Done:
                canvas.DrawCircle(centre, MarkRadius, disc);
                using (var tick = Polyline([new(centre.X - 6, centre.Y + 0.5f), new(centre.X - 1.5f, centre.Y + 5), new(centre.X + 6.5f, centre.Y - 4.5f)], closed: false))
                {
                    white.Style = SKPaintStyle.Stroke;
                    white.StrokeWidth = 3;
                    white.StrokeCap = SKStrokeCap.Round;
                    white.StrokeJoin = SKStrokeJoin.Round;
                    canvas.DrawPath(tick, white);
                }
                break;
            case StepState.Current:
                canvas.DrawCircle(centre, MarkRadius, disc);
                using (var play = Polyline([new(centre.X - 4, centre.Y - 6.5f), new(centre.X + 6.5f, centre.Y), new(centre.X - 4, centre.Y + 6.5f)], closed: true))
                    canvas.DrawPath(play, white);
                break;
            default:
                disc.Style = SKPaintStyle.Stroke;
                disc.StrokeWidth = 2.5f;
                canvas.DrawCircle(centre, MarkRadius - 1.5f, disc);
                break;
        }
    }

    private static void LegendEntry(SKCanvas canvas, LegendItem item, SKFont font)
    {
        var middle = item.Top + LegendLineHeight / 2;
        switch (item.Kind)
        {
            case LegendKind.Resolved or LegendKind.NotResolved:
                ArrowLine(canvas, [new(item.X, middle), new(item.X + LegendSample, middle)], item.Kind == LegendKind.NotResolved);
                break;
            default:
                var look = Look.Of(item.Kind switch { LegendKind.Done => StepState.Done, LegendKind.Current => StepState.Current, _ => StepState.Pending });
                Frame(canvas, new SKRect(item.X + 2, middle - 10, item.X + LegendSample - 2, middle + 10), 5, look with { BorderWidth = Math.Min(look.BorderWidth, 3) });
                break;
        }
        Text(canvas, item.Word, item.X + LegendSample + LegendSampleGap, item.Top, LegendLineHeight, font, TitleInk);
    }

    /// <summary>A polyline with rounded corners and a head at its last point; dashed for a not-resolved path.</summary>
    private static void ArrowLine(SKCanvas canvas, IReadOnlyList<SKPoint> points, bool notResolved)
    {
        var color = notResolved ? NotResolvedArrow : ResolvedArrow;
        var tip = points[^1];
        var along = tip - points[^2];
        var direction = new SKPoint(along.X / along.Length, along.Y / along.Length);
        var headBase = new SKPoint(tip.X - direction.X * HeadLength, tip.Y - direction.Y * HeadLength);

        using var line = Polyline([.. points.SkipLast(1), headBase], closed: false);
        using var corners = SKPathEffect.CreateCorner(8);
        using var dashes = notResolved ? SKPathEffect.CreateDash([9, 5], 0) : null;
        using var dashedCorners = dashes is null ? null : SKPathEffect.CreateCompose(dashes, corners);
        using var stroke = new SKPaint { IsAntialias = true, Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = ArrowWidth, PathEffect = dashedCorners ?? corners };
        canvas.DrawPath(line, stroke);

        using var head = Polyline([tip, new(headBase.X - direction.Y * HeadHalfWidth, headBase.Y + direction.X * HeadHalfWidth),
            new(headBase.X + direction.Y * HeadHalfWidth, headBase.Y - direction.X * HeadHalfWidth)], closed: true);
        using var fill = new SKPaint { IsAntialias = true, Color = color };
        canvas.DrawPath(head, fill);
    }

    private static SKPath Polyline(ReadOnlySpan<SKPoint> points, bool closed)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly(points, closed);
        return builder.Detach();
    }

    /// <summary>One line of text, centred vertically in a line box of the given height.</summary>
    private static void Text(SKCanvas canvas, string text, float x, float lineTop, float lineHeight, SKFont font, SKColor color)
    {
        using var ink = new SKPaint { IsAntialias = true, Color = color };
        var metrics = font.Metrics;
        var baseline = lineTop + (lineHeight - (metrics.Descent - metrics.Ascent)) / 2 - metrics.Ascent;
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, ink);
    }

    private static SKTypeface LoadTypeface(string file)
    {
        using var stream = typeof(FlowPicture).Assembly.GetManifestResourceStream("ReleaseBot.Features.Flow.Fonts." + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in the bot");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        using var data = SKData.CreateCopy(bytes.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font {file} does not load");
    }

    /// <summary>The fonts of one picture: SKFont is not shared between threads, the typefaces are.</summary>
    private sealed class Fonts : IDisposable
    {
        public SKFont Title { get; } = Make(BoldTypeface, 28);
        public SKFont Name { get; } = Make(BoldTypeface, 24);
        public SKFont Detail { get; } = Make(RegularTypeface, 19);
        public SKFont Legend { get; } = Make(RegularTypeface, 18);

        private static SKFont Make(SKTypeface typeface, float size) =>
            new(typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.Slight };

        public void Dispose()
        {
            Title.Dispose();
            Name.Dispose();
            Detail.Dispose();
            Legend.Dispose();
        }
    }

    /// <summary>Lines of at most <paramref name="width"/> pixels, broken between words where it can; the last one ends in "…" when the text is longer.</summary>
    internal static IReadOnlyList<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var rest = string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var lines = new List<string>();
        while (rest.Length > 0)
        {
            if (lines.Count == maxLines - 1)
            {
                lines.Add(Ellipsised(rest, font, width));
                break;
            }
            var take = LineLength(rest, font, width);
            lines.Add(rest[..take].TrimEnd());
            rest = rest[take..].TrimStart();
        }
        return lines;
    }

    private static int LineLength(string text, SKFont font, float width)
    {
        var fits = FittingPrefix(text, font, width, "");
        if (fits == text.Length) return fits;
        var space = text.LastIndexOf(' ', fits);
        return space > 0 ? space : Math.Max(fits, char.IsHighSurrogate(text[0]) ? 2 : 1);
    }

    private static string Ellipsised(string text, SKFont font, float width)
    {
        const string ellipsis = "…";
        if (font.MeasureText(text) <= width) return text;
        return text[..FittingPrefix(text, font, width, ellipsis)].TrimEnd() + ellipsis;
    }

    /// <summary>The length of the longest start of <paramref name="text"/> that, followed by <paramref name="suffix"/>, fits in the width.</summary>
    private static int FittingPrefix(string text, SKFont font, float width, string suffix)
    {
        int fits = 0, tooLong = text.Length + 1;
        while (tooLong - fits > 1)
        {
            var middle = (fits + tooLong) / 2;
            if (font.MeasureText(string.Concat(text.AsSpan(0, middle), suffix)) <= width) fits = middle;
            else tooLong = middle;
        }
        return fits > 0 && fits < text.Length && char.IsHighSurrogate(text[fits - 1]) ? fits - 1 : fits;
    }
}
