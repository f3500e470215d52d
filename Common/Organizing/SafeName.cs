using System.Text;

namespace MediaLibrary.Common.Organizing;

/// <summary>File and folder names every common file system accepts (ext4, NTFS, exFAT, SMB shares).</summary>
public static class SafeName
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Longest name in UTF-8 bytes (ext4 and most others allow 255).</summary>
    public const int MaxBytes = 255;

    /// <summary>One path segment made safe: ": " becomes " - ", characters Windows refuses are
    /// dropped or replaced, trailing dots and spaces go, reserved device names get a "_", and the
    /// name is cut (keeping its extension) to <see cref="MaxBytes"/>.</summary>
    public static string Segment(string name)
    {
        var s = name.Replace(": ", " - ", StringComparison.Ordinal).Replace(":", "-", StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '/' or '\\' or '|' => '-',
                '<' or '>' or '"' or '*' => '\0',
                '?' => '\0',
                _ when char.IsControl(c) => '\0',
                _ => c,
            });
        }
        s = sb.ToString().Replace("\0", "", StringComparison.Ordinal);
        while (s.Contains("  ", StringComparison.Ordinal))
        {
            s = s.Replace("  ", " ", StringComparison.Ordinal);
        }
        s = s.Trim().TrimEnd('.', ' ');
        if (s.Length == 0)
        {
            s = "_";
        }
        var stem = s.Contains('.', StringComparison.Ordinal) ? s[..s.IndexOf('.', StringComparison.Ordinal)] : s;
        if (Reserved.Contains(stem))
        {
            s = stem + "_" + s[stem.Length..];
        }
        return Cut(s);
    }

    private static string Cut(string s)
    {
        if (Encoding.UTF8.GetByteCount(s) <= MaxBytes)
        {
            return s;
        }
        var ext = Path.GetExtension(s);
        var stem = s[..^ext.Length];
        while (Encoding.UTF8.GetByteCount(stem + ext) > MaxBytes && stem.Length > 0)
        {
            stem = stem[..^1];
            if (stem.Length > 0 && char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1]; // never split a surrogate pair
            }
        }
        return stem.TrimEnd('.', ' ') + ext;
    }
}
