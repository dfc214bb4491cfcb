using System.Text.Json.Nodes;

namespace ReleaseBot.Tests.Manifest;

/// <summary>The app icons that the manifest names: a 192×192 full-colour icon and a 32×32 white-on-transparent outline.</summary>
public sealed class IconTests
{
    private static readonly JsonNode Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsAppTools.ManifestFolder, "manifest.json")))!;

    private static byte[] Icon(string kind)
    {
        var name = (string?)Manifest["icons"]![kind];
        Assert.False(string.IsNullOrEmpty(name), $"manifest.json names no icons.{kind}.");
        return File.ReadAllBytes(Path.Combine(TeamsAppTools.ManifestFolder, name));
    }

    [Theory]
    [InlineData("color", 192)]
    [InlineData("outline", 32)]
    public void Each_icon_has_the_size_Teams_asks_for(string kind, int size)
    {
        var (width, height) = Png.ReadSize(Icon(kind));
        Assert.Equal((size, size), (width, height));
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent()
    {
        var outline = Png.Decode(Icon("outline"));
        var pixels = outline.Pixels().ToList();

        var stray = pixels.Where(p => p.A != 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();
        Assert.True(stray.Count == 0, $"{stray.Count} pixel(s) are neither fully transparent nor white, e.g. {stray.FirstOrDefault()}.");
        Assert.Contains(pixels, p => p.A == 0);
        Assert.True(pixels.Count(p => p.A == 255) >= 32, "The outline icon has (almost) no opaque white pixel: the glyph is missing.");
    }

    [Fact]
    public void The_colour_icon_is_an_opaque_picture_in_several_colours()
    {
        var color = Png.Decode(Icon("color"));
        var pixels = color.Pixels().ToList();

        Assert.All(pixels, p => Assert.Equal(255, p.A));
        var colours = pixels.Where(p => !(p.R == p.G && p.G == p.B)).Select(p => (p.R, p.G, p.B)).Distinct().Count();
        Assert.True(colours >= 3, $"The colour icon has only {colours} non-grey colour(s).");
    }
}
