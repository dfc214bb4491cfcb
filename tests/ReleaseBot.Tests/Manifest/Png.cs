using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ReleaseBot.Tests.Manifest;

/// <summary>A decoded PNG: its size from IHDR and its pixels as 8-bit RGBA, row by row.</summary>
public sealed class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public int Width { get; }
    public int Height { get; }
    private readonly byte[] rgba;

    private Png(int width, int height, byte[] rgba) => (Width, Height, this.rgba) = (width, height, rgba);

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 4;
            return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                yield return this[x, y];
    }

    /// <summary>Width and height from the IHDR chunk, which the PNG format puts first.</summary>
    public static (int Width, int Height) ReadSize(byte[] file)
    {
        if (file.Length < 24 || !file.AsSpan(0, 8).SequenceEqual(Signature) || Encoding.ASCII.GetString(file, 12, 4) != "IHDR")
            throw new InvalidDataException("Not a PNG file (no signature followed by IHDR).");
        return (BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20)));
    }

    /// <summary>Decodes a non-interlaced 8-bit PNG (greyscale, RGB, palette, with or without alpha or tRNS).</summary>
    public static Png Decode(byte[] file)
    {
        var (width, height) = ReadSize(file);
        byte bitDepth = file[24], colourType = file[25], interlace = file[28];
        if (bitDepth != 8) throw new NotSupportedException($"Only 8-bit PNGs are decoded here, this one has bit depth {bitDepth}.");
        if (interlace != 0) throw new NotSupportedException("Only non-interlaced PNGs are decoded here.");

        var data = new MemoryStream();
        byte[] palette = [], transparency = [];
        for (var at = 8; at + 12 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var body = file.AsSpan(at + 8, length);
            switch (type)
            {
                case "IDAT": data.Write(body); break;
                case "PLTE": palette = body.ToArray(); break;
                case "tRNS": transparency = body.ToArray(); break;
            }
            if (type == "IEND") break;
            at += 12 + length;
        }

        var channels = colourType switch
        {
            0 => 1, // grey
            2 => 3, // RGB
            3 => 1, // palette index
            4 => 2, // grey + alpha
            6 => 4, // RGBA
            _ => throw new InvalidDataException($"Unknown PNG colour type {colourType}."),
        };
        var stride = width * channels;
        var raw = new MemoryStream();
        data.Position = 0;
        using (var zlib = new ZLibStream(data, CompressionMode.Decompress))
            zlib.CopyTo(raw);
        var filtered = raw.ToArray();
        if (filtered.Length != height * (stride + 1))
            throw new InvalidDataException($"The image data has {filtered.Length} bytes, {height * (stride + 1)} expected.");

        var rows = Unfilter(filtered, height, stride, channels);
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var s = y * stride + x * channels;
                var d = (y * width + x) * 4;
                (byte r, byte g, byte b, byte a) = colourType switch
                {
                    0 => (rows[s], rows[s], rows[s], TransparentGrey(transparency, rows[s]) ? (byte)0 : (byte)255),
                    2 => (rows[s], rows[s + 1], rows[s + 2], TransparentRgb(transparency, rows[s], rows[s + 1], rows[s + 2]) ? (byte)0 : (byte)255),
                    3 => (palette[rows[s] * 3], palette[rows[s] * 3 + 1], palette[rows[s] * 3 + 2], rows[s] < transparency.Length ? transparency[rows[s]] : (byte)255),
                    4 => (rows[s], rows[s], rows[s], rows[s + 1]),
                    _ => (rows[s], rows[s + 1], rows[s + 2], rows[s + 3]),
                };
                (rgba[d], rgba[d + 1], rgba[d + 2], rgba[d + 3]) = (r, g, b, a);
            }
        return new Png(width, height, rgba);
    }

    private static bool TransparentGrey(byte[] trns, byte grey) => trns.Length >= 2 && trns[1] == grey && trns[0] == 0;

    private static bool TransparentRgb(byte[] trns, byte r, byte g, byte b) =>
        trns.Length >= 6 && trns[0] == 0 && trns[1] == r && trns[2] == 0 && trns[3] == g && trns[4] == 0 && trns[5] == b;

    /// <summary>Reverses the PNG row filters (none, sub, up, average, Paeth).</summary>
    private static byte[] Unfilter(byte[] filtered, int height, int stride, int bytesPerPixel)
    {
        var rows = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (stride + 1)];
            var source = y * (stride + 1) + 1;
            var row = y * stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? rows[row + i - bytesPerPixel] : 0;
                int up = y > 0 ? rows[row - stride + i] : 0;
                int upLeft = y > 0 && i >= bytesPerPixel ? rows[row - stride + i - bytesPerPixel] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter} on row {y}."),
                };
                rows[row + i] = (byte)(filtered[source + i] + predictor);
            }
        }
        return rows;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
