using System.Text.RegularExpressions;

namespace MediaLibrary.Common.ReleaseNames;

/// <summary>The patterns the parser reads names with (source-generated regular expressions).</summary>
public static partial class ReleaseNameParser
{
    [GeneratedRegex(@"^\s*\[([^\]]+)\]\s*_?")]
    private static partial Regex LeadingBracket();

    // Top-level domains of sites that tag the releases they pass on.
    private const string SiteDomains = "com|org|net|cd|to|ru|info|me|tv|re|mx|my|se|nu|cc|io|ws|la|li|ch|eu|lol|xyz|bz|ag|cz|pics";

    [GeneratedRegex(@"^\s*\[\s*(?:www\.)?[^\]\s]*\.(?:" + SiteDomains + @")\s*\]\s*[-_]?\s*|^\s*\[\s*www\.[^\]]*\]\s*[-_]?\s*|" +
        @"^\s*www\.[^\s\]]+\.[A-Za-z]{2,5}\s*-\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingSite();

    [GeneratedRegex(@"[\s._-]*\[(?:[^\]]*\.(?:" + SiteDomains + @")|eztv|ettv|rartv|rarbg|TGx|PRiME|EtHD|ETRG)\]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingSite();

    // "x264-LMAO.[VTV]": a bracket after the group is a site's or a tracker's tag.
    [GeneratedRegex(@"(?<=-[A-Za-z0-9]{2,20})[\s._]*\[[A-Za-z0-9.]{2,20}\]\s*$")]
    private static partial Regex SiteAfterGroup();

    [GeneratedRegex(@"^\((?:19|20)\d{2}\)")]
    private static partial Regex BracketedYear();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:S|Season\s?)(?<s>\d{1,2})\s?(?:-\s?|\s(?:Eps?\.?\s?)?|\.)(?<e>\d{1,4})(?:v\d)?(?:-(?<to>\d{1,4}))?(?![\dA-Za-z])",
        RegexOptions.IgnoreCase)]
    private static partial Regex SeasonThenNumber();

    // "Show - 6.01 - Title", "Show - Episode 1.22 - Title".
    [GeneratedRegex(@"(?:(?<=\s-\s)|(?<=Episode\s))(?<s>\d{1,2})\.(?<e>\d{2})(?=\s-\s|\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex DottedSeasonEpisode();

    // Spanish releases: "Show - Temporada 1 [HDTV][Cap.103]".
    [GeneratedRegex(@"\bCap\.?\s?(?<s>\d{1,2})(?<e>\d{2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex CapMarker();

    [GeneratedRegex(@"\s*-?\s*Episode\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EpisodeWordAtEnd();

    [GeneratedRegex(@"\s-\sTemporada\b|\[", RegexOptions.IgnoreCase)]
    private static partial Regex CapShowEnd();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:st|nd|rd|th)?\s(?<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s(?<y>(?:19|20)\d{2})(?!\d)",
        RegexOptions.IgnoreCase)]
    private static partial Regex NamedMonthDate();

    [GeneratedRegex(@"(?<![\dA-Za-z])(?<y>(?:19|20)\d{2})(?<m>0[1-9]|1[0-2])(?<d>0[1-9]|[12]\d|3[01])(?!\d)")]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"(?<=\d)[- ]bit\b", RegexOptions.IgnoreCase)]
    private static partial Regex BitDepth();

    [GeneratedRegex(@"(?<=\d)\.(?=\d)")]
    private static partial Regex DigitDot();

    [GeneratedRegex(@"[\[\(][0-9A-Fa-f]{8}[\]\)]")]
    private static partial Regex Checksum();

    [GeneratedRegex(@"(?<=[A-Za-z\)\]!?,\-]|\s)\.(?!\s)|\.(?=[A-Za-z\(\[\-])|(?<=\d{3})\.(?=\d)|(?<=\d)\.(?=\d{3})")]
    private static partial Regex DotSeparator();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Collapse();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[Ss](?<s>\d{1,4})(?:[\s._-]{0,3}|" +
        @"x)[Ee][Pp]?\s?(?<e>\d{1,5})(?:[\s._+]?(?:[Ss]\d{1,4})?[Ee](?<more>\d{1,4})(?!\d))*(?:(?:-[Ee]?(?<to>\d{1,4})(?![\dp]))+|" +
        @"\s?-\s?[Ee][Pp]?(?<to>\d{1,5}))?(?![\dp])")]
    private static partial Regex SeasonEpisode();

    [GeneratedRegex(@"(?<![\dA-Za-z])(?<s>\d{1,2})x(?<e>\d{1,3})(?:(?:x|_|[ .]\d{1,2}x)(?<more>\d{2,3}))*(?:(?:-(?:\d{1,2}x)?(?<e2>\d{2,3}))+|" +
        @"\s?-\s?\d{1,2}x(?<e2>\d{2,3}))?(?![\dA-Za-z])")]
    private static partial Regex CrossEpisode();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})[ .\-](?<a>\d{2})[ .\-](?<b>\d{2})(?!\d)")]
    private static partial Regex AirDateMarker();

    [GeneratedRegex(@"(?<=\s)(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))$")]
    private static partial Regex ShortDate();

    [GeneratedRegex(@"^(?<n>\d{1,4})(?:v\d)?\s-\s")]
    private static partial Regex NumberFirst();

    [GeneratedRegex(@"(?<=\s)(?:(?:Episode\s?|Ep\.?\s?)(?<n>\d{1,4})|E(?<n>\d{2,4}))(?:v\d)?(?![\dA-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex EpisodeWord();

    [GeneratedRegex(@"\s?-\s?(?<n>\d{2,4})(?:v\d)?(?=\s*$|\s*[\[\(]|\s-\s)")]
    private static partial Regex DashNumber();

    [GeneratedRegex(@"(?<=\s)(?<n>\d{1,4})(?:v\d)?(?=\s|$)")]
    private static partial Regex LoneNumber();

    [GeneratedRegex(@"(?<=\s)(?!(?:19|20)\d{2}\b)(?<s>[1-9]\d?)(?<e>0[1-9]|[1-9]\d)(?:\s\k<s>(?<e2>0[1-9]|[1-9]\d))?$")]
    private static partial Regex CompactEpisode();

    [GeneratedRegex(@"^(?:(?:season|series|saison|staffel|temporada|stagione|s)\s?(\d{1,4})|specials?|extras)$", RegexOptions.IgnoreCase)]
    private static partial Regex SeasonFolder();

    [GeneratedRegex(@"^(?:e|ep)?(\d{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[\(\[]?\b(?:19[2-9]\d|20[0-4]\d)\b[\)\]]?")]
    private static partial Regex Year();

    [GeneratedRegex(@"[\s\(\[]*\b(19[2-9]\d|20[0-4]\d)\b[\)\]]?$")]
    private static partial Regex YearSuffix();

    [GeneratedRegex(@"\s-\s([A-Za-z0-9]{2,20})$")]
    private static partial Regex SpacedGroup();

    [GeneratedRegex(@"\s*[\[\(]([^\[\]\(\)]+)[\]\)]$")]
    private static partial Regex TrailingBracket();

    [GeneratedRegex(@"^[Ee]\d+$|^\d+$")]
    private static partial Regex EpisodeOnly();

    [GeneratedRegex(@"[A-Za-z0-9']+")]
    private static partial Regex PlainWord();
}
