using System.Numerics;

namespace MediaLibrary.Common.Probing;

/// <summary>The classic DCT pHash: a 32×32 grey image, its 8×8 lowest frequencies (DC excluded),
/// one bit each for above/below their median. Robust to scaling, re-encoding and small crops.</summary>
public static class PerceptualHash
{
    /// <summary>Side of the input image.</summary>
    public const int Side = 32;

    private static readonly double[,] Cosines = BuildCosines();

    /// <summary>pHash of a 32×32 8-bit grey image (row-major).</summary>
    public static ulong Of(ReadOnlySpan<byte> pixels)
    {
        // Separable DCT-II, only the 8×8 block that is kept.
        var rows = new double[Side, 8];
        for (int y = 0; y < Side; y++)
        {
            for (int u = 0; u < 8; u++)
            {
                double sum = 0;
                for (int x = 0; x < Side; x++)
                {
                    sum += pixels[(y * Side) + x] * Cosines[u, x];
                }
                rows[y, u] = sum;
            }
        }
        Span<double> coefficients = stackalloc double[64];
        for (int v = 0; v < 8; v++)
        {
            for (int u = 0; u < 8; u++)
            {
                double sum = 0;
                for (int y = 0; y < Side; y++)
                {
                    sum += rows[y, u] * Cosines[v, y];
                }
                coefficients[(v * 8) + u] = sum;
            }
        }
        // Median of the 63 AC coefficients (the DC term only says how bright the frame is).
        Span<double> sorted = stackalloc double[63];
        coefficients[1..].CopyTo(sorted);
        sorted.Sort();
        double median = sorted[31];
        ulong hash = 0;
        for (int i = 1; i < 64; i++)
        {
            if (coefficients[i] > median)
            {
                hash |= 1UL << i;
            }
        }
        return hash;
    }

    /// <summary>Difference hash: the 32×32 image sampled to 9×8 (area averages), one bit per
    /// horizontally adjacent pair for "brighter to the right".</summary>
    public static ulong Gradient(ReadOnlySpan<byte> pixels)
    {
        Span<double> cells = stackalloc double[9 * 8];
        for (int cy = 0; cy < 8; cy++)
        {
            for (int cx = 0; cx < 9; cx++)
            {
                int x0 = cx * Side / 9, x1 = Math.Max(x0 + 1, (cx + 1) * Side / 9);
                int y0 = cy * Side / 8, y1 = (cy + 1) * Side / 8;
                double sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    for (int x = x0; x < x1; x++)
                    {
                        sum += pixels[(y * Side) + x];
                    }
                }
                cells[(cy * 9) + cx] = sum / ((x1 - x0) * (y1 - y0));
            }
        }
        ulong hash = 0;
        for (int cy = 0; cy < 8; cy++)
        {
            for (int cx = 0; cx < 8; cx++)
            {
                if (cells[(cy * 9) + cx + 1] > cells[(cy * 9) + cx])
                {
                    hash |= 1UL << ((cy * 8) + cx);
                }
            }
        }
        return hash;
    }

    /// <summary>Bits that differ.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static double[,] BuildCosines()
    {
        var c = new double[8, Side];
        for (int u = 0; u < 8; u++)
        {
            for (int x = 0; x < Side; x++)
            {
                c[u, x] = Math.Cos((2 * x + 1) * u * Math.PI / (2 * Side));
            }
        }
        return c;
    }
}
