using System.Globalization;

namespace MediaLibrary.Cli.Output;

/// <summary>Byte counts for people ("1.5 GiB") and from them ("10M" on the command line).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>Formats with binary units and one decimal.</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>Parses "100", "64K", "10M", "1.5G", "2T" (binary multiples, optional "B"/"iB").</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim().ToUpperInvariant();
        if (s.EndsWith("IB", StringComparison.Ordinal))
        {
            s = s[..^2];
        }
        else if (s.EndsWith('B'))
        {
            s = s[..^1];
        }
        long multiplier = 1;
        if (s.Length > 0 && "KMGTP".Contains(s[^1], StringComparison.Ordinal))
        {
            multiplier = 1L << (10 * ("KMGTP".IndexOf(s[^1], StringComparison.Ordinal) + 1));
            s = s[..^1];
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || double.IsNaN(number))
        {
            return false;
        }
        var total = number * multiplier;
        if (total > long.MaxValue)
        {
            return false;
        }
        bytes = (long)total;
        return true;
    }
}
