using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Sync.Worker.Tests.Direction;

/// <summary>
/// A minimal PNG decoder for screenshots: 8-bit RGB or RGBA, not interlaced (what Chromium writes). Reads the
/// chunks, inflates the IDAT stream and undoes the five scanline filters.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly byte[] pixels;
    private readonly int channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixel's colour as 0xRRGGBB (alpha ignored).</summary>
    public int Rgb(int x, int y)
    {
        var at = ((y * Width) + x) * channels;
        return (pixels[at] << 16) | (pixels[at + 1] << 8) | pixels[at + 2];
    }

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var at = 8;
        while (at + 12 <= file.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    var (bitDepth, colourType, interlace) = (data[8], data[9], data[12]);
                    channels = colourType switch
                    {
                        2 => 3,
                        6 => 4,
                        _ => throw new InvalidDataException($"unsupported PNG colour type {colourType}"),
                    };
                    if (bitDepth != 8 || interlace != 0)
                    {
                        throw new InvalidDataException($"unsupported PNG: bit depth {bitDepth}, interlace {interlace}");
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    return new PngImage(width, height, channels, Unfilter(Inflate(idat), width, height, channels));
            }

            at += length + 12; // length, type, data, CRC
        }

        throw new InvalidDataException("PNG ends without IEND");
    }

    private static byte[] Inflate(MemoryStream idat)
    {
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"PNG data is {raw.Length} bytes, expected {height * (stride + 1)}");
        }

        var image = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var line = image.AsSpan(y * stride, stride);
            var previous = y == 0 ? new byte[stride] : image.AsSpan((y - 1) * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bpp ? line[i - bpp] : 0;
                int up = previous[i];
                int upLeft = i >= bpp ? previous[i - bpp] : 0;
                line[i] = (byte)(source[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter} on line {y}"),
                });
            }
        }

        return image;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
