using System.Text.RegularExpressions;

namespace MediaLibrary.Common.ReleaseNames;

/// <summary>The patterns the parser reads names with (source-generated regular expressions).</summary>
public static partial class ReleaseNameParser
{
    [GeneratedRegex(@"^\s*\[([^\]]+)\]\s*_?", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex LeadingBracket();

    // Top-level domains of sites that tag the releases they pass on.
    private const string SiteDomains = "com|org|net|cd|to|ru|info|me|tv|re|mx|my|se|nu|cc|io|ws|la|li|ch|eu|lol|xyz|bz|ag|cz|pics";

    [GeneratedRegex(@"^\s*\[\s*(?:www\.)?[^\]\s]*\.(?:" + SiteDomains + @")\s*\]\s*[-_]?\s*|^\s*\[\s*www\.[^\]]*\]\s*[-_]?\s*|" +
        @"^\s*www\.[^\s\]]+\.[A-Za-z]{2,5}\s*-\s*", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex LeadingSite();

    [GeneratedRegex(@"[\s._-]*\[(?:[^\]]*\.(?:" + SiteDomains + @")|eztv|ettv|rartv|rarbg|TGx|PRiME|EtHD|ETRG)\]\s*$", RegexOptions.IgnoreCase,
        NameText.RegexTimeout)]
    private static partial Regex TrailingSite();

    // "x264-LMAO.[VTV]": a bracket after the group is a site's or a tracker's tag.
    [GeneratedRegex(@"(?<=-[A-Za-z0-9]{2,20})[\s._]*\[[A-Za-z0-9.]{2,20}\]\s*$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex SiteAfterGroup();

    [GeneratedRegex(@"^\((?:19|20)[0-9]{2}\)", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex BracketedYear();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:S|Season\s?)(?<s>[0-9]{1,2})\s?(?:-\s?|\s(?:Eps?\.?\s?)?|" +
        @"\.)(?<e>[0-9]{1,4})(?:v[0-9])?(?:-(?<to>[0-9]{1,4}))?(?![0-9A-Za-z])", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex SeasonThenNumber();

    // "Show - 6.01 - Title", "Show - Episode 1.22 - Title".
    [GeneratedRegex(@"(?:(?<=\s-\s)|(?<=Episode\s))(?<s>[0-9]{1,2})\.(?<e>[0-9]{2})(?=\s-\s|\s*$)", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex DottedSeasonEpisode();

    // Spanish releases: "Show - Temporada 1 [HDTV][Cap.103]".
    [GeneratedRegex(@"\bCap\.?\s?(?<s>[0-9]{1,2})(?<e>[0-9]{2})(?![0-9])", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex CapMarker();

    [GeneratedRegex(@"\s*-?\s*Episode\s*$", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex EpisodeWordAtEnd();

    [GeneratedRegex(@"\s-\sTemporada\b|\[", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex CapShowEnd();

    [GeneratedRegex(@"(?<![0-9])(?<d>[0-9]{1,2})(?:st|nd|rd|th)?\s(?<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s(?<y>(?:19|" +
        @"20)[0-9]{2})(?![0-9])", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex NamedMonthDate();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<y>(?:19|20)[0-9]{2})(?<m>0[1-9]|1[0-2])(?<d>0[1-9]|[12][0-9]|3[01])(?![0-9])", RegexOptions.None,
        NameText.RegexTimeout)]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"(?<=[0-9])[- ]bit\b", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex BitDepth();

    [GeneratedRegex(@"(?<=[0-9])\.(?=[0-9])", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex DigitDot();

    [GeneratedRegex(@"[\[\(][0-9A-Fa-f]{8}[\]\)]", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex Checksum();

    [GeneratedRegex(@"(?<=[A-Za-z\)\]!?,\-]|\s)\.(?!\s)|\.(?=[A-Za-z\(\[\-])|(?<=[0-9]{3})\.(?=[0-9])|(?<=[0-9])\.(?=[0-9]{3})", RegexOptions.None,
        NameText.RegexTimeout)]
    private static partial Regex DotSeparator();

    [GeneratedRegex(@"\s{2,}", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex Collapse();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[Ss](?<s>[0-9]{1,4})(?:[\s._-]{0,3}|" +
        @"x)[Ee][Pp]?\s?(?<e>[0-9]{1,5})(?:[\s._+]?(?:[Ss][0-9]{1,4})?[Ee](?<more>[0-9]{1,4})(?![0-9]))*(?:(?:-[Ee]?(?<to>[0-9]{1,4})(?![0-9p]))+|" +
        @"\s?-\s?[Ee][Pp]?(?<to>[0-9]{1,5}))?(?![0-9p])", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex SeasonEpisode();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<s>[0-9]{1,2})x(?<e>[0-9]{1,3})(?:(?:x|_|" +
        @"[ .][0-9]{1,2}x)(?<more>[0-9]{2,3}))*(?:(?:-(?:[0-9]{1,2}x)?(?<e2>[0-9]{2,3}))+|" +
        @"\s?-\s?[0-9]{1,2}x(?<e2>[0-9]{2,3}))?(?![0-9A-Za-z])", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex CrossEpisode();

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})[ .\-](?<a>[0-9]{2})[ .\-](?<b>[0-9]{2})(?![0-9])", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex AirDateMarker();

    [GeneratedRegex(@"(?<=\s)([0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex ShortDate();

    [GeneratedRegex(@"^(?<n>[0-9]{1,4})(?:v[0-9])?\s-\s", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex NumberFirst();

    [GeneratedRegex(@"(?<=\s)(?:(?:Episode\s?|Ep\.?\s?)(?<n>[0-9]{1,4})|E(?<n>[0-9]{2,4}))(?:v[0-9])?(?![0-9A-Za-z])", RegexOptions.IgnoreCase,
        NameText.RegexTimeout)]
    private static partial Regex EpisodeWord();

    [GeneratedRegex(@"\s?-\s?(?<n>[0-9]{2,4})(?:v[0-9])?(?=\s*$|\s*[\[\(]|\s-\s)", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex DashNumber();

    [GeneratedRegex(@"(?<=\s)(?<n>[0-9]{1,4})(?:v[0-9])?(?=\s|$)", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex LoneNumber();

    [GeneratedRegex(@"(?<=\s)(?!(?:19|20)[0-9]{2}\b)(?<s>[1-9][0-9]?)(?<e>0[1-9]|[1-9][0-9])(?:\s\k<s>(?<e2>0[1-9]|[1-9][0-9]))?$", RegexOptions.None,
        NameText.RegexTimeout)]
    private static partial Regex CompactEpisode();

    [GeneratedRegex(@"^(?:(?:season|series|saison|staffel|temporada|stagione|s)\s?([0-9]{1,4})|specials?|extras)$", RegexOptions.IgnoreCase,
        NameText.RegexTimeout)]
    private static partial Regex SeasonFolder();

    [GeneratedRegex(@"^(?:e|ep)?([0-9]{1,3})\b", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[\(\[]?\b(?:19[2-9][0-9]|20[0-4][0-9])\b[\)\]]?", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex Year();

    [GeneratedRegex(@"[\s\(\[]*\b(19[2-9][0-9]|20[0-4][0-9])\b[\)\]]?$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex YearSuffix();

    [GeneratedRegex(@"\s-\s([A-Za-z0-9]{2,20})$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex SpacedGroup();

    [GeneratedRegex(@"\s*[\[\(]([^\[\]\(\)]+)[\]\)]$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex TrailingBracket();

    [GeneratedRegex(@"^[Ee][0-9]+$|^[0-9]+$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex EpisodeOnly();

    [GeneratedRegex(@"[A-Za-z0-9']+", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex PlainWord();
}
