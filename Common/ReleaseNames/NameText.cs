using System.Globalization;
using System.Text;

namespace MediaLibrary.Common.ReleaseNames;

/// <summary>The parser's total text helpers: Unicode folding, bounds and numbers that never throw.</summary>
internal static class NameText
{
    /// <summary>The longest piece of a path that is read (a file name is at most 255 bytes on the file
    /// systems met; nothing a name says lies beyond this).</summary>
    public const int MaxPart = 512;

    /// <summary>How many folders above the file are read: the show, season and release folders are the nearest.</summary>
    public const int MaxFolders = 8;

    /// <summary>Every pattern of the parser gives up after this (milliseconds); <see cref="ReleaseNameParser.Parse"/>
    /// then reads the name as a bare title. None comes near it: the property tests bound a whole parse far lower.</summary>
    public const int RegexTimeout = 200;

    /// <summary>Numbers are capped here, so ranges and sums over them cannot overflow.</summary>
    private const int MaxNumber = 1_000_000;

    /// <summary>
    /// NFKC-like folding for the forms release names use, done by hand because string.Normalize does
    /// nothing under InvariantGlobalization: full-width ASCII ("１５８" is "158", "［" is "["), every Unicode
    /// decimal digit to its ASCII digit, CJK brackets ("【Group】", "「」") to square ones, dashes to '-',
    /// spaces and control characters to ' ', format characters (bidi marks, zero-width joiners) dropped,
    /// and a lone surrogate to U+FFFD. Letters, marks and emoji stay as they are.
    /// </summary>
    public static string Fold(string s)
    {
        int i = 0;
        while (i < s.Length && s[i] is >= ' ' and < '\u007F')
        {
            i++;
        }
        if (i == s.Length)
        {
            return s; // printable ASCII, the usual case
        }
        var sb = new StringBuilder(s.Length);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
                continue;
            }
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Surrogate:
                    sb.Append('\uFFFD');
                    continue;
                case UnicodeCategory.Control or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    sb.Append(' ');
                    continue;
                case UnicodeCategory.Format:
                    continue;
                case UnicodeCategory.DecimalDigitNumber:
                    sb.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
                    continue;
                case UnicodeCategory.DashPunctuation:
                    sb.Append('-');
                    continue;
            }
            sb.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // full-width ASCII
                '【' or '〖' or '〔' or '「' or '『' or '〘' or '〚' => '[',
                '】' or '〗' or '〕' or '」' or '』' or '〙' or '〛' => ']',
                _ => c,
            });
        }
        return sb.ToString();
    }

    /// <summary>The number its ASCII digits spell (other characters skipped), capped at a million; 0 for none.</summary>
    public static int Number(ReadOnlySpan<char> digits)
    {
        int n = 0;
        foreach (var c in digits)
        {
            if (c is >= '0' and <= '9')
            {
                n = Math.Min(n * 10 + (c - '0'), MaxNumber);
            }
        }
        return n;
    }

    /// <summary>A part of a path cut to <see cref="MaxPart"/>, keeping its end (the extension).</summary>
    public static string Bound(string part) =>
        part.Length <= MaxPart ? part : string.Concat(part.AsSpan(0, MaxPart - 16), part.AsSpan(part.Length - 16));
}
