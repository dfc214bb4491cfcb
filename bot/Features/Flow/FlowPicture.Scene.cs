using SkiaSharp;

namespace ReleaseBot.Features.Flow;

public static partial class FlowPicture
{
    private const int Width = 640;
    private const int Margin = 24;
    private const float TitleLineHeight = 36, LegendLineHeight = 30, NameLineHeight = 30, DetailLineHeight = 25;
    private const float BoxPadding = 14, TextIndent = 56, BoxGap = 48, MarkRadius = 13;
    private const float MinArrowEndSpacing = 24, FirstLane = 30, LaneSpacing = 16, LaneEnd = 6, MaxGutter = 132;
    private const float LegendSample = 34, LegendSampleGap = 8, LegendItemGap = 22;
    private const float EndMarkerRadius = 11;

    private enum Side { Left, Right }

    private enum LegendKind { Resolved, NotResolved, Done, Current, Pending }

    private sealed record LegendItem(LegendKind Kind, string Word, float X, float Top);

    private sealed record Box(StepView Step, SKRect Rect, float TextTop, IReadOnlyList<string> NameLines, IReadOnlyList<string> DetailLines);

    /// <summary>An arrow as a polyline: the head is at the last point.</summary>
    private sealed record Arrow(IReadOnlyList<SKPoint> Points, bool NotResolved);

    /// <summary>Where everything goes: the title's lines, the legend, the boxes, the arrows and the end of the flow.</summary>
    private sealed record Scene(Layout Layout, IReadOnlyList<string> TitleLines, IReadOnlyList<LegendItem> Legend,
        IReadOnlyList<Box> Boxes, IReadOnlyList<Arrow> Arrows, SKPoint? End)
    {
        public static Scene Of(Drawing drawing, Fonts fonts)
        {
            var index = new Dictionary<string, int>();
            foreach (var (step, i) in drawing.Steps.Select((s, i) => (s, i)))
                if (!index.TryAdd(step.Key, i)) throw new ArgumentException($"Two steps have the key {step.Key}", nameof(drawing));
            var paths = drawing.Paths.Distinct().Select(p => (From: At(p.From), To: At(p.To), p.NotResolved)).ToList();
            int At(string key) => index.TryGetValue(key, out var i) ? i : throw new ArgumentException($"A path names the step {key}, which is not drawn", nameof(drawing));

            var routed = paths.Where(p => p.NotResolved || p.To != p.From + 1)
                .Select(p => new Route(p.NotResolved ? Side.Right : Side.Left, p.From, p.To)).ToList();
            var left = Lanes(routed, Side.Left);
            var right = Lanes(routed, Side.Right);
            float boxLeft = MathF.Round(Margin + Gutter(left.Count)), boxRight = MathF.Round(Width - Margin - Gutter(right.Count));

            float y = Margin;
            var titleLines = Wrap(drawing.Title, fonts.Title, Width - 2 * Margin, 2);
            y += titleLines.Count * TitleLineHeight + 6;
            var legend = LegendOf(drawing, fonts, ref y);
            y += 16;

            var boxes = new List<Box>();
            foreach (var step in drawing.Steps)
            {
                if (boxes.Count > 0) y += BoxGap;
                var textWidth = boxRight - boxLeft - TextIndent - BoxPadding;
                var name = Wrap(step.Name, fonts.Name, textWidth, 2);
                var detail = Wrap(step.Detail, fonts.Detail, textWidth, 2);
                var textHeight = 2 * BoxPadding + Math.Max(1, name.Count) * NameLineHeight + (detail.Count > 0 ? 2 + detail.Count * DetailLineHeight : 0);
                var height = Math.Max(textHeight, (ArrowEnds(routed, boxes.Count) + 1) * MinArrowEndSpacing);
                boxes.Add(new Box(step, new SKRect(boxLeft, y, boxRight, y + height), MathF.Round(y + (height - textHeight) / 2 + BoxPadding), name, detail));
                y += height;
            }

            var arrows = paths.Where(p => !p.NotResolved && p.To == p.From + 1).Select(p => Straight(boxes[p.From].Rect, boxes[p.To].Rect)).ToList();
            arrows.AddRange(Routed(routed, boxes, left, Side.Left));
            arrows.AddRange(Routed(routed, boxes, right, Side.Right));

            SKPoint? end = null;
            if (boxes.Count > 0 && !paths.Any(p => p.From == boxes.Count - 1 && !p.NotResolved))
            {
                var last = boxes[^1].Rect;
                end = new SKPoint(last.MidX, last.Bottom + BoxGap - 4 + EndMarkerRadius);
                arrows.Add(new Arrow([new(last.MidX, last.Bottom), new(last.MidX, end.Value.Y - EndMarkerRadius)], false));
                y = end.Value.Y + EndMarkerRadius;
            }

            var layout = new Layout(Width, (int)Math.Ceiling(y + Margin), boxes.ToDictionary(b => b.Step.Key, b => b.Rect));
            return new Scene(layout, titleLines, legend, boxes, arrows, end);
        }

        /// <summary>The legend in two rows, the arrows then the states; a row too long for the picture goes on in another one.</summary>
        private static List<LegendItem> LegendOf(Drawing drawing, Fonts fonts, ref float y)
        {
            var items = new List<LegendItem>();
            (LegendKind, string)[][] rows =
            [
                [(LegendKind.Resolved, drawing.ResolvedWord), (LegendKind.NotResolved, drawing.NotResolvedWord)],
                [(LegendKind.Done, drawing.DoneWord), (LegendKind.Current, drawing.CurrentWord), (LegendKind.Pending, drawing.PendingWord)],
            ];
            foreach (var row in rows)
            {
                float x = Margin;
                foreach (var (kind, word) in row)
                {
                    var text = Wrap(word, fonts.Legend, Width - 2 * Margin - LegendSample - LegendSampleGap, 1).FirstOrDefault() ?? "";
                    var width = LegendSample + LegendSampleGap + fonts.Legend.MeasureText(text);
                    if (x > Margin && x + width > Width - Margin)
                    {
                        x = Margin;
                        y += LegendLineHeight;
                    }
                    items.Add(new LegendItem(kind, text, x, y));
                    x += width + LegendItemGap;
                }
                y += LegendLineHeight;
            }
            return items;
        }

        /// <summary>The most routed arrows that leave or enter one side of the box.</summary>
        private static int ArrowEnds(List<Route> routes, int box) =>
            routes.Where(r => r.From == box || r.To == box).GroupBy(r => r.Side).Select(side => side.Sum(r => (r.From == box ? 1 : 0) + (r.To == box ? 1 : 0))).DefaultIfEmpty().Max();

        private static Arrow Straight(SKRect from, SKRect to) => new([new(from.MidX, from.Bottom), new(from.MidX, to.Top)], false);

        private static float Gutter(int lanes) => lanes == 0 ? 0 : FirstLane + LaneStep(lanes) * (lanes - 1) + LaneEnd;

        private static float LaneDistance(int lane, int lanes) => FirstLane + lane * LaneStep(lanes);

        /// <summary>The distance between lanes: closer when there are so many that the gutter would grow past its most.</summary>
        private static float LaneStep(int lanes) => lanes <= 1 ? LaneSpacing : Math.Min(LaneSpacing, (MaxGutter - FirstLane - LaneEnd) / (lanes - 1));

        /// <summary>
        /// The lane of each routed arrow on one side, 0 nearest the boxes: shorter arrows nearer, and arrows that pass
        /// the same boxes in different lanes, so that nested arrows do not cross.
        /// </summary>
        private static List<List<Route>> Lanes(List<Route> routes, Side side)
        {
            var lanes = new List<List<Route>>();
            foreach (var route in routes.Where(r => r.Side == side).OrderBy(r => r.Bottom - r.Top).ThenBy(r => r.Top))
            {
                var lane = lanes.FirstOrDefault(l => l.All(other => other.Bottom < route.Top || other.Top > route.Bottom));
                if (lane is null) lanes.Add(lane = []);
                lane.Add(route);
            }
            return lanes;
        }

        /// <summary>
        /// The arrows of one side: out of the box's edge to the lane, along it, and into the other box's edge. Where
        /// several arrows meet one box's edge, those whose lane runs upwards leave from higher up, inner lanes first,
        /// then a loop to the box itself, then those whose lane runs downwards, outer lanes first: so no arrow crosses
        /// another one's lane beside the box.
        /// </summary>
        private static IEnumerable<Arrow> Routed(List<Route> routes, List<Box> boxes, List<List<Route>> lanes, Side side)
        {
            var laneOf = lanes.SelectMany((l, i) => l.Select(r => (r, i))).ToDictionary(p => p.r, p => p.i);
            var ends = laneOf.Keys
                .SelectMany(r => new[] { (Route: r, Box: r.From, IsStart: true, Other: r.To), (Route: r, Box: r.To, IsStart: false, Other: r.From) })
                .GroupBy(e => e.Box)
                .SelectMany(atBox =>
                {
                    var ordered = atBox
                        .OrderBy(e => Math.Sign(e.Other - e.Box))
                        .ThenBy(e => e.Other < e.Box ? laneOf[e.Route] : e.Other > e.Box ? -laneOf[e.Route] : 0)
                        .ThenBy(e => e.IsStart ? 0 : 1)
                        .ToList();
                    var rect = boxes[atBox.Key].Rect;
                    return ordered.Select((e, k) => (e.Route, e.IsStart, Y: MathF.Round(rect.Top + rect.Height * (k + 1) / (ordered.Count + 1))));
                })
                .ToDictionary(e => (e.Route, e.IsStart), e => e.Y);

            foreach (var (route, lane) in laneOf)
            {
                var from = boxes[route.From].Rect;
                var to = boxes[route.To].Rect;
                var distance = MathF.Round(LaneDistance(lane, lanes.Count));
                float fromEdge = side == Side.Right ? from.Right : from.Left, toEdge = side == Side.Right ? to.Right : to.Left;
                var laneX = side == Side.Right ? from.Right + distance : from.Left - distance;
                float startY = ends[(route, true)], endY = ends[(route, false)];
                yield return new Arrow([new(fromEdge, startY), new(laneX, startY), new(laneX, endY), new(toEdge, endY)], route.Side == Side.Right);
            }
        }
    }

    /// <summary>An arrow routed beside the boxes, from and to boxes by their index.</summary>
    private sealed record Route(Side Side, int From, int To)
    {
        public int Top => Math.Min(From, To);
        public int Bottom => Math.Max(From, To);
    }
}
