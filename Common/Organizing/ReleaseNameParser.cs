using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaLibrary.Common.Organizing;

/// <summary>
/// Parses release-style names ("Show.Name.S01E02E03.720p.WEB-DL.x264-GRP.mkv", "[Group] Show - 123
/// [1080p].mkv", "Movie Title (2001) 1080p BluRay.mkv", "Show/Season 02/03 - Title.mkv") into fields.
/// Quality tags are read first and cut away, then the episode markers, then what is left is the title.
/// </summary>
public static partial class ReleaseNameParser
{
    /// <summary>Parses <paramref name="path"/>: its file name, helped by its folders.</summary>
    public static ParsedName Parse(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var file = parts.Length > 0 ? parts[^1] : path;
        var stem = StripExtension(file);
        var folders = parts.Length > 1 ? parts[..^1] : [];

        // Anime: "[Group] Show - 123 [tags]".
        string? group = null;
        var leadingGroup = LeadingGroup().Match(stem);
        if (leadingGroup.Success)
        {
            group = leadingGroup.Groups[1].Value.Trim();
            stem = stem[leadingGroup.Length..];
        }
        var text = Spaces(stem);
        var tags = ReadTags(text);
        group ??= TrailingGroup().Match(stem) is { Success: true } g && !IsTag(g.Groups[1].Value) ? g.Groups[1].Value : null;

        var result = new ParsedName
        {
            Resolution = tags.Resolution,
            Source = tags.Source,
            VideoCodec = tags.VideoCodec,
            AudioCodec = tags.AudioCodec,
            Edition = tags.Edition,
            Languages = tags.Languages,
            ReleaseGroup = group,
        };

        if (SeasonEpisode().Match(text) is { Success: true } se)
        {
            return result with
            {
                Show = ShowName(text[..se.Index], folders),
                Season = int.Parse(se.Groups["s"].Value, CultureInfo.InvariantCulture),
                Episodes = Episodes(se),
                EpisodeTitle = EpisodeTitle(text[(se.Index + se.Length)..]),
                Year = YearIn(text[..se.Index]),
            };
        }
        if (CrossEpisode().Match(text) is { Success: true } x)
        {
            int first = int.Parse(x.Groups["e"].Value, CultureInfo.InvariantCulture);
            int last = x.Groups["e2"].Success ? int.Parse(x.Groups["e2"].Value, CultureInfo.InvariantCulture) : first;
            return result with
            {
                Show = ShowName(text[..x.Index], folders),
                Season = int.Parse(x.Groups["s"].Value, CultureInfo.InvariantCulture),
                Episodes = Enumerable.Range(first, Math.Max(1, last - first + 1)).ToArray(),
                EpisodeTitle = EpisodeTitle(text[(x.Index + x.Length)..]),
            };
        }
        if (AirDateMarker().Match(text) is { Success: true } d
            && DateOnly.TryParseExact($"{d.Groups["y"].Value}-{d.Groups["m"].Value}-{d.Groups["d"].Value}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return result with
            {
                Show = ShowName(text[..d.Index], folders),
                AirDate = date,
                EpisodeTitle = EpisodeTitle(text[(d.Index + d.Length)..]),
            };
        }
        if (leadingGroup.Success && AbsoluteEpisodeMarker().Match(text) is { Success: true } abs)
        {
            return result with
            {
                Show = Clean(text[..abs.Index]),
                AbsoluteEpisode = int.Parse(abs.Groups["n"].Value, CultureInfo.InvariantCulture),
            };
        }
        // "Season 02/03 - Title.mkv": the season from the folder, the episode from the name.
        if (folders.Length > 0 && SeasonFolder().Match(folders[^1]) is { Success: true } sf && LeadingNumber().Match(text) is { Success: true } ln)
        {
            return result with
            {
                Show = folders.Length > 1 ? Clean(Spaces(folders[^2])) : null,
                Season = int.Parse(sf.Groups[1].Value, CultureInfo.InvariantCulture),
                Episodes = [int.Parse(ln.Groups[1].Value, CultureInfo.InvariantCulture)],
                EpisodeTitle = EpisodeTitle(text[ln.Length..]),
            };
        }
        // A movie: the title is what comes before the year (the last plausible one) or the first tag.
        var year = LastYear(text);
        var cut = year is { } y ? y.Index : tags.FirstIndex;
        var title = Clean(text[..Math.Min(cut, text.Length)]);
        // "Her (2013)/movie.mkv": a file name without a year defers to a folder that has one.
        if (folders.Length > 0 && (title.Length == 0 || (year is null && LastYear(Spaces(folders[^1])) is not null)))
        {
            var folder = Spaces(folders[^1]);
            var folderYear = LastYear(folder);
            title = Clean(folderYear is { } fy ? folder[..fy.Index] : folder);
            year ??= folderYear;
        }
        return result with { Title = title.Length > 0 ? title : null, Year = year is { } yy ? int.Parse(yy.Value.Trim('(', ')', '[', ']'), CultureInfo.InvariantCulture) : null };
    }

    private static int[] Episodes(Match se)
    {
        var episodes = new List<int> { int.Parse(se.Groups["e"].Value, CultureInfo.InvariantCulture) };
        foreach (Capture c in se.Groups["more"].Captures)
        {
            episodes.Add(int.Parse(c.Value, CultureInfo.InvariantCulture));
        }
        if (se.Groups["to"].Success)
        {
            int last = int.Parse(se.Groups["to"].Value, CultureInfo.InvariantCulture);
            for (int e = episodes[^1] + 1; e <= last && e - episodes[0] < 100; e++)
            {
                episodes.Add(e);
            }
        }
        return [.. episodes];
    }

    private static string? ShowName(string before, string[] folders)
    {
        var name = Clean(YearSuffix().Replace(before, ""));
        if (name.Length > 0)
        {
            return name;
        }
        // "S01E02.mkv" inside "Show Name/Season 1/": the show is the folder above the season.
        var useful = folders.Where(f => !SeasonFolder().IsMatch(f)).ToArray();
        return useful.Length > 0 ? Clean(Spaces(useful[^1])) : null;
    }

    private static string? EpisodeTitle(string after)
    {
        var tags = ReadTags(after);
        var title = Clean(after[..Math.Min(tags.FirstIndex, after.Length)]);
        title = TrailingGroup().Replace(title, "").Trim();
        return title.Length > 0 ? title : null;
    }

    private static int? YearIn(string text) => LastYear(text) is { } y ? int.Parse(y.Value.Trim('(', ')', '[', ']'), CultureInfo.InvariantCulture) : null;

    private static Match? LastYear(string text)
    {
        Match? last = null;
        foreach (Match m in Year().Matches(text))
        {
            // A title may start with a year ("2001 A Space Odyssey 1968"): never the very start.
            if (m.Index > 0)
            {
                last = m;
            }
        }
        return last;
    }

    // An extension is 2–4 characters with a letter (".mkv", ".mp4"); "Show.S01E01.720" has none.
    private static string StripExtension(string file)
    {
        int dot = file.LastIndexOf('.');
        return dot > 0 && file.Length - dot is >= 3 and <= 5 && file[(dot + 1)..].Any(char.IsLetter) && file[(dot + 1)..].All(char.IsLetterOrDigit)
            ? file[..dot]
            : file;
    }

    // Dots and underscores separate words in release names, but not inside "5.1", "H.264", "DD+5.1".
    private static string Spaces(string s) => DotSeparator().Replace(s.Replace('_', ' '), " ");

    private static string Clean(string s)
    {
        s = Collapse().Replace(s.Trim(' ', '-', '.', '_', ','), " ").Trim(' ', '-');
        // Brackets at the ends go unless they are balanced ("The Office (US)" keeps its own).
        while (s.Length > 0 && (s[0] is '(' or '[') && s.Count(c => c == s[0]) > s.Count(c => c == (s[0] == '(' ? ')' : ']')))
        {
            s = s[1..].Trim();
        }
        while (s.Length > 0 && (s[^1] is ')' or ']') && s.Count(c => c == s[^1]) > s.Count(c => c == (s[^1] == ')' ? '(' : '[')))
        {
            s = s[..^1].Trim();
        }
        return s.Trim(' ', '-');
    }

    private static bool IsTag(string word) => ReadTags(word).FirstIndex < word.Length;

    private static Tags ReadTags(string text)
    {
        int first = text.Length;
        string? Find(Regex regex, Func<string, string> name)
        {
            var m = regex.Match(text);
            if (!m.Success)
            {
                return null;
            }
            first = Math.Min(first, m.Index);
            return name(m.Value);
        }
        var tags = new Tags
        {
            Resolution = Find(ResolutionTag(), v => v.ToLowerInvariant() switch { "4k" or "uhd" => "2160p", var r => r }),
            Source = Find(SourceTag(), NormalizeSource),
            VideoCodec = Find(VideoCodecTag(), NormalizeVideoCodec),
            AudioCodec = Find(AudioCodecTag(), v => v.Replace('.', ' ').Trim()),
            Edition = Find(EditionTag(), NormalizeEdition),
        };
        var languages = new List<string>();
        foreach (Match m in LanguageTag().Matches(text))
        {
            first = Math.Min(first, m.Index);
            languages.Add(m.Value.ToUpperInvariant());
        }
        tags.Languages = languages;
        tags.FirstIndex = first;
        return tags;
    }

    private static string NormalizeSource(string v) => v.ToLowerInvariant().Replace(" ", "-") switch
    {
        "bluray" or "blu-ray" or "bdrip" or "brrip" or "bdremux" => v.Contains("rip", StringComparison.OrdinalIgnoreCase) ? "BDRip" : "BluRay",
        "web-dl" or "webdl" => "WEB-DL",
        "webrip" or "web-rip" => "WEBRip",
        "web" => "WEB",
        "hdtv" or "pdtv" => "HDTV",
        "dvdrip" => "DVDRip",
        "dvd" or "dvd5" or "dvd9" => "DVD",
        "remux" => "Remux",
        "hdrip" => "HDRip",
        _ => v,
    };

    private static string NormalizeVideoCodec(string v) => v.ToLowerInvariant().Replace(".", "").Replace(" ", "") switch
    {
        "x264" => "x264",
        "x265" => "x265",
        "h264" or "avc" => "H.264",
        "h265" or "hevc" => "HEVC",
        "xvid" => "XviD",
        "divx" => "DivX",
        "av1" => "AV1",
        "vp9" => "VP9",
        _ => v,
    };

    private static string NormalizeEdition(string v) => v.ToLowerInvariant().Replace('.', ' ').Replace("'", "") switch
    {
        "extended" or "extended cut" or "extended edition" => "Extended",
        "directors cut" or "director cut" => "Director's Cut",
        "unrated" => "Unrated",
        "remastered" => "Remastered",
        "theatrical" or "theatrical cut" => "Theatrical",
        "imax" => "IMAX",
        "criterion" => "Criterion",
        "uncut" => "Uncut",
        _ => v,
    };

    private sealed class Tags
    {
        public string? Resolution { get; init; }
        public string? Source { get; init; }
        public string? VideoCodec { get; init; }
        public string? AudioCodec { get; init; }
        public string? Edition { get; init; }
        public IReadOnlyList<string> Languages { get; set; } = [];
        public int FirstIndex { get; set; }
    }

    [GeneratedRegex(@"^\s*\[([^\]]+)\]\s*")]
    private static partial Regex LeadingGroup();

    [GeneratedRegex(@"-([A-Za-z0-9][A-Za-z0-9&]{1,19})(?:\[[^\]]*\])?\s*$")]
    private static partial Regex TrailingGroup();

    [GeneratedRegex(@"(?<=[A-Za-z\)\]]|\s)\.|\.(?=[A-Za-z\(\[])|(?<=\d)\.(?=\d{3,4}\b)")]
    private static partial Regex DotSeparator();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Collapse();

    [GeneratedRegex(@"\b[Ss](?<s>\d{1,4})\s?[Ee](?<e>\d{1,4})(?:\s?[Ee](?<more>\d{1,4}))*(?:\s?-\s?[Ee]?(?<to>\d{1,4}))?(?![\dp])")]
    private static partial Regex SeasonEpisode();

    [GeneratedRegex(@"\b(?<s>\d{1,2})x(?<e>\d{2,3})(?:\s?-\s?(?:\d{1,2}x)?(?<e2>\d{2,3}))?\b")]
    private static partial Regex CrossEpisode();

    [GeneratedRegex(@"\b(?<y>(?:19|20)\d{2})[ .\-](?<m>0[1-9]|1[0-2])[ .\-](?<d>0[1-9]|[12]\d|3[01])\b")]
    private static partial Regex AirDateMarker();

    [GeneratedRegex(@"\s-\s(?<n>\d{1,4})(?:v\d)?(?=\s|$|\[|\()")]
    private static partial Regex AbsoluteEpisodeMarker();

    [GeneratedRegex(@"^(?:season|series|s)\s?(\d{1,3})$", RegexOptions.IgnoreCase)]
    private static partial Regex SeasonFolder();

    [GeneratedRegex(@"^(?:e|ep)?(\d{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[\(\[]?\b(?:19[2-9]\d|20[0-4]\d)\b[\)\]]?")]
    private static partial Regex Year();

    [GeneratedRegex(@"\s*[\(\[]?\b(?:19[2-9]\d|20[0-4]\d)\b[\)\]]?\s*$")]
    private static partial Regex YearSuffix();

    [GeneratedRegex(@"\b(?:2160p|1080[pi]|720p|576p|480p|4K|UHD)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResolutionTag();

    [GeneratedRegex(@"\b(?:Blu-?Ray|BDRip|BRRip|BDRemux|WEB[- ]?DL|WEB-?Rip|WEB|HDTV|PDTV|DVDRip|DVD[59]?|Remux|HDRip)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SourceTag();

    [GeneratedRegex(@"\b(?:x264|x265|[Hh][\. ]?26[45]|HEVC|AVC|XviD|DivX|AV1|VP9)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VideoCodecTag();

    [GeneratedRegex(@"\b(?:DTS-HD[ .]MA|DTS-HD|DTS-X|DTS|TrueHD|Atmos|DDP?[ .]?[257][ .][01]|DD\+|E-?AC-?3|AC-?3|AAC(?:[ .]?[257][ .][01])?|FLAC|MP3|Opus)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AudioCodecTag();

    [GeneratedRegex(@"\b(?:Extended(?:[ .](?:Cut|Edition))?|Director'?s[ .]Cut|Unrated|Remastered|Theatrical(?:[ .]Cut)?|IMAX|Criterion|Uncut)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EditionTag();

    [GeneratedRegex(@"\b(?:MULTi|FRENCH|TRUEFRENCH|GERMAN|ITALIAN|ITA|SPANISH|ESP|VOSTFR|VOSTA|JAPANESE|JPN|KOREAN|RUSSIAN|DUBBED|SUBBED)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageTag();
}
