using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaLibrary.Common.ReleaseNames;

/// <summary>
/// Parses release-style names ("Show.Name.S01E02E03.720p.WEB-DL.x264-GRP.mkv", "[Group] Show - 123
/// [1080p].mkv", "Movie Title (2001) 1080p BluRay.mkv", "Show/Season 02/03 - Title.mkv") into fields.
/// Site tags and checksums go first; then the quality words are read (<see cref="ReleaseTags"/>), the
/// episode marker is found (SxxEyy, 1x02, an air date, an anime number, 101-style), and what comes
/// before it is the show (or, without a marker, the title before the year). An obfuscated file name
/// defers to its release folder. Accuracy is measured on tests/.../Data/release-names.tsv.
/// </summary>
public static partial class ReleaseNameParser
{
    /// <summary>Parses <paramref name="path"/>: its file name, helped by its folders.</summary>
    public static ParsedName Parse(string path)
    {
        var parts = NameText.Fold(path).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        parts = parts[Math.Max(0, parts.Length - NameText.MaxFolders - 1)..].Select(NameText.Bound).ToArray();
        try
        {
            return Read(parts);
        }
        catch (RegexMatchTimeoutException)
        {
            // Never seen: a pattern that gives up leaves the name a bare title rather than no answer.
            return new ParsedName { Title = parts.Length > 0 ? Clean(Spaces(parts[^1])) : null };
        }
    }

    private static ParsedName Read(string[] parts)
    {
        // A disc's files ("Film (2001)/VIDEO_TS/VTS_01_1.VOB", ".../BDMV/STREAM/00001.m2ts") are named by the disc's folder.
        int disc = Array.FindIndex(parts, p => p.Equals("VIDEO_TS", StringComparison.OrdinalIgnoreCase) || p.Equals("BDMV",
            StringComparison.OrdinalIgnoreCase));
        if (disc > 0)
        {
            parts = parts[..disc];
        }
        var file = parts.Length > 0 ? parts[^1] : "";
        var folders = parts.Length > 1 ? parts[..^1] : [];
        var parsed = ParseName(disc > 0 ? file : StripExtension(file), folders);
        // "MythBusters.S08E16.720p.HDTV.x264-aAF/aaf-mb.s08e16.720p.mkv": a scene file's short name inside
        // its release folder; the folder, saying the same episode, names the show.
        if (parsed.IsEpisode && folders.Length > 0 && !SeasonFolder().IsMatch(folders[^1])
            && ParseName(folders[^1], folders[..^1]) is { IsEpisode: true } release
            && release.Season == parsed.Season && release.Episodes.SequenceEqual(parsed.Episodes) && release.AbsoluteEpisode == parsed.AbsoluteEpisode
            && release.ReleaseGroup is not null && release.Show is not null
            && !string.Equals(release.Show, parsed.Show, StringComparison.OrdinalIgnoreCase))
        {
            return Fill(release, parsed) with { EpisodeTitle = release.EpisodeTitle ?? parsed.EpisodeTitle };
        }
        // "Show.S01E02.720p-GRP/abc123.mkv", "Her (2013)/movie.mkv": a file name that says neither an
        // episode nor a year defers to its folder, keeping any quality words of its own.
        if (!parsed.IsEpisode && parsed.Year is null && folders.Length > 0 && !SeasonFolder().IsMatch(folders[^1]))
        {
            var folder = ParseName(folders[^1], folders[..^1]);
            if (folder.IsEpisode || folder.Year is not null)
            {
                return Fill(folder with { ReleaseGroup = folder.ReleaseGroup ?? parsed.ReleaseGroup }, parsed, fileFirst: true);
            }
        }
        // "Watchmen (2019)/Watchmen 1x03.mkv": the show's folder gives the year the file name leaves out.
        if (parsed is { IsEpisode: true, Year: null, Show: { } name }
            && folders.Where(f => !SeasonFolder().IsMatch(f)).Select(f => SplitYear(Clean(Spaces(f)))).FirstOrDefault(f => f.Year is not null
                && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { Year: { } showYear })
        {
            return parsed with { Year = showYear };
        }
        return parsed;
    }

    // The identity from one reading, the quality words from both: the file's first when it says
    // them (a file re-encoded inside its release folder), else the folder's.
    private static ParsedName Fill(ParsedName identity, ParsedName other, bool fileFirst = false)
    {
        var (first, second) = fileFirst ? (other, identity) : (identity, other);
        return identity with
        {
            Resolution = first.Resolution ?? second.Resolution,
            Source = first.Source ?? second.Source,
            VideoCodec = first.VideoCodec ?? second.VideoCodec,
            AudioCodec = first.AudioCodec ?? second.AudioCodec,
            Edition = first.Edition ?? second.Edition,
            Languages = first.Languages.Count > 0 ? first.Languages : second.Languages,
        };
    }

    private static ParsedName ParseName(string stem, string[] folders)
    {
        // Site tags ("[ www.Speed.cd ] -", "[eztv]", "[TGx]") and checksums ("[ABCD1234]") say nothing.
        stem = LeadingSite().Replace(stem, "");
        stem = TrailingSite().Replace(stem, "");
        stem = SiteAfterGroup().Replace(stem, "");
        stem = Checksum().Replace(stem, " ").Trim();
        // "The-Matrix-1999-1080p-BluRay-x265-RARBG": hyphens are the separators (the last one may
        // still end in a group, which the run of the name keeps as "x265-RARBG").
        if (stem.IndexOfAny([' ', '.', '_']) < 0 && stem.Count(c => c == '-') >= 3)
        {
            int last = stem.LastIndexOf('-');
            stem = stem[..last].Replace('-', ' ') + (ReleaseTags.IsTagWord(stem[(stem.LastIndexOf('-',
                last - 1) + 1)..last]) ? stem[last..] : " " + stem[(last + 1)..]);
        }

        // Anime: "[Group] Show - 12 [tags]"; more brackets in front are tags ("[BD][1080p]") or a second group.
        string? group = null;
        bool fansub = false;
        string front = "";
        if (LeadingBracket().Match(stem) is { Success: true } lead && !ReleaseTags.IsTagWord(lead.Groups[1].Value.Trim()))
        {
            group = lead.Groups[1].Value.Trim();
            fansub = true;
            stem = stem[lead.Length..];
        }
        while (LeadingBracket().Match(stem) is { Success: true } more && stem.Length > more.Length)
        {
            front += " " + more.Groups[1].Value;
            stem = stem[more.Length..];
        }
        var text = Spaces(stem);
        var tags = ReleaseTags.Read(text);
        var frontTags = ReleaseTags.Read(Spaces(front));
        group ??= TrailingGroup(stem, tags.ZoneStart < text.Length);

        var result = new ParsedName
        {
            Resolution = tags.Resolution ?? frontTags.Resolution,
            Source = tags.Source ?? frontTags.Source,
            VideoCodec = tags.VideoCodec ?? frontTags.VideoCodec,
            AudioCodec = tags.AudioCodec ?? frontTags.AudioCodec,
            Edition = tags.Edition,
            Languages = tags.Languages,
            ReleaseGroup = group,
        };
        int zone = tags.ZoneStart;

        if (SeasonEpisode().Match(text) is { Success: true } se && se.Index < zone + 1)
        {
            var (show, year) = ShowAndYear(text[..se.Index], folders);
            var (title, yearAfter) = EpisodeTitle(text, se.Index + se.Length, zone, group);
            return result with
            {
                Show = show,
                Season = Int(se.Groups["s"].Value),
                Episodes = Episodes(se),
                EpisodeTitle = title,
                Year = year ?? yearAfter,
            };
        }
        // "Vinland Saga S2 - 24", "Gundam 00 Season 2 Ep07": a season, then an episode number.
        if (SeasonThenNumber().Match(text) is { Success: true } sn && sn.Index > 0 && sn.Index < zone)
        {
            var (show, year) = ShowAndYear(text[..sn.Index], folders);
            int first = Int(sn.Groups["e"].Value);
            int last = sn.Groups["to"].Success ? Math.Clamp(Int(sn.Groups["to"].Value), first, first + 100) : first;
            return result with
            {
                Show = show,
                Year = year,
                Season = Int(sn.Groups["s"].Value),
                Episodes = Enumerable.Range(first, last - first + 1).ToArray(),
                EpisodeTitle = EpisodeTitle(text, sn.Index + sn.Length, fansub ? Math.Min(zone, BracketAfter(text, sn.Index + sn.Length)) : zone, group).Title,
            };
        }
        if ((DottedSeasonEpisode().Match(text) is { Success: true } dse && dse.Index > 0
            && dse.Index < zone ? dse : CapMarker().Match(text)) is { Success: true } other
            && (other.Groups["s"].Success && other.Index > 0))
        {
            bool cap = other.Value.StartsWith("Cap", StringComparison.OrdinalIgnoreCase);
            var showEnd = cap && CapShowEnd().Match(text) is { Success: true } ce && ce.Index > 0 ? ce.Index : other.Index;
            var (show, year) = ShowAndYear(EpisodeWordAtEnd().Replace(text[..showEnd], ""), folders);
            return result with
            {
                Show = show,
                Year = year,
                Season = Int(other.Groups["s"].Value),
                Episodes = [Int(other.Groups["e"].Value)],
                EpisodeTitle = cap ? null : EpisodeTitle(text, other.Index + other.Length, zone, group).Title,
            };
        }
        if (CrossEpisode().Match(text) is { Success: true } x && x.Index < zone)
        {
            var (show, year) = ShowAndYear(text[..x.Index], folders);
            var (title, yearAfter) = EpisodeTitle(text, x.Index + x.Length, zone, group);
            var episodes = new List<int> { Int(x.Groups["e"].Value) };
            episodes.AddRange(x.Groups["more"].Captures.Select(c => Int(c.Value)));
            if (x.Groups["e2"].Success)
            {
                episodes.AddRange(Enumerable.Range(episodes[^1] + 1, Math.Clamp(Int(x.Groups["e2"].Value) - episodes[^1], 0, 100)));
            }
            return result with { Show = show, Season = Int(x.Groups["s"].Value), Episodes = episodes, EpisodeTitle = title, Year = year ?? yearAfter };
        }
        if (AirDate(text, zone) is { } daily)
        {
            var (show, _) = ShowAndYear(text[..daily.Index], folders, takeYear: false);
            return result with { Show = show, AirDate = daily.Date, EpisodeTitle = EpisodeTitle(text, daily.End, zone, group).Title };
        }
        if (Absolute(text, zone, fansub) is { } abs)
        {
            var (show, year) = ShowAndYear(abs.Show, folders);
            return result with
            {
                Show = show,
                Year = year,
                AbsoluteEpisode = abs.Number,
                EpisodeTitle = EpisodeTitle(text, abs.End, fansub ? Math.Min(zone, BracketAfter(text, abs.End)) : zone, group).Title,
            };
        }
        // "Season 02/03 - Title.mkv": the season from the folder, the episode from the name.
        if (folders.Length > 0 && SeasonFolder().Match(folders[^1]) is { Success: true } sf && LeadingNumber().Match(text) is { Success: true } ln)
        {
            var (show, year) = folders.Length > 1 ? SplitYear(Clean(Spaces(folders[^2]))) : (null, null);
            return result with
            {
                Show = show,
                Year = year,
                Season = sf.Groups[1].Success ? Int(sf.Groups[1].Value) : 0,
                Episodes = [Int(ln.Groups[1].Value)],
                EpisodeTitle = EpisodeTitle(text, ln.Length, zone, group).Title,
            };
        }
        // "the.office.101.102.hdtv": season and episode run together, right before the tags.
        // Only with a TV source: "Fahrenheit.451.720p.BluRay" is a film.
        if (!fansub && result.Source is "HDTV" or "SDTV" && CompactEpisode().Match(text[..zone].TrimEnd(' ', '-')) is { Success: true } c && c.Index > 0)
        {
            var (show, year) = ShowAndYear(text[..c.Index], folders);
            var episodes = new List<int> { Int(c.Groups["e"].Value) };
            if (c.Groups["e2"].Success)
            {
                episodes.Add(Int(c.Groups["e2"].Value));
            }
            return result with { Show = show, Year = year, Season = Int(c.Groups["s"].Value), Episodes = episodes };
        }

        // A movie: the title is what comes before the year (the last plausible one) or the tags.
        var titleYear = LastYear(text[..tags.FirstStrong]) ?? LastYear(text);
        int cut = Math.Min(titleYear?.Index ?? zone, zone);
        if (fansub && text.IndexOf('[') is var square and >= 0)
        {
            cut = Math.Min(cut, square);
        }
        var movieTitle = Clean(text[..cut]);
        // "Gruppo di famiglia in un interno VOSTFR (1974)", "Robin Hood [Multi-Subs] [2018]": release
        // words before the year (upper-case, or in brackets) are not the title's.
        while (true)
        {
            if (TrailingBracket().Match(movieTitle) is { Success: true } tb && tb.Index > 0 && tb.Groups[1].Value.Split([' ', '-', ',', '+'],
                StringSplitOptions.RemoveEmptyEntries).All(ReleaseTags.IsTagWord))
            {
                movieTitle = Clean(movieTitle[..tb.Index]);
            }
#pragma warning disable CA1862 // an all-capitals test ("is w upper case?"), not a case-insensitive comparison
            else if (movieTitle.LastIndexOf(' ') is var sp and > 0 && movieTitle[(sp + 1)..] is var w && w.Any(char.IsLetter) && w.ToUpperInvariant() == w
#pragma warning restore CA1862
                && ReleaseTags.IsTagWord(w))
            {
                movieTitle = Clean(movieTitle[..sp]);
            }
            else
            {
                break;
            }
        }
        if (movieTitle.Length == 0 && cut < text.Length)
        {
            // "h265 - HEVC Riddick Unrated...": tags first; the title is the first run of plain words after them.
            movieTitle = FirstPlainWords(text[cut..]);
        }
        return result with
        {
            Title = movieTitle.Length > 0 ? movieTitle : null,
            Year = titleYear is { } y ? Int(y.Value.Trim('(', ')', '[', ']', ' ')) : null,
        };
    }

    private static string FirstPlainWords(string text)
    {
        var words = PlainWord().Matches(text).Select(m => m.Value).SkipWhile(ReleaseTags.IsTagWord).TakeWhile(w => !ReleaseTags.IsTagWord(w));
        return string.Join(' ', words);
    }

    private static int Int(string digits) => NameText.Number(digits);

    private static int[] Episodes(Match se)
    {
        var episodes = new List<int> { Int(se.Groups["e"].Value) };
        episodes.AddRange(se.Groups["more"].Captures.Select(c => Int(c.Value)));
        if (se.Groups["to"].Success)
        {
            int last = Int(se.Groups["to"].Value);
            for (int e = episodes[^1] + 1; e <= last && e - episodes[0] < 100; e++)
            {
                episodes.Add(e);
            }
        }
        return [.. episodes];
    }

    private readonly record struct Daily(int Index, int End, DateOnly Date);

    // "2023.05.17", "2012.16.02" (day before month), "140722" right before the tags.
    private static Daily? AirDate(string text, int zone)
    {
        foreach (Match d in AirDateMarker().Matches(text))
        {
            int y = Int(d.Groups["y"].Value), a = Int(d.Groups["a"].Value), b = Int(d.Groups["b"].Value);
            if (DateOnly.TryParseExact($"{y:0000}-{a:00}-{b:00}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || DateOnly.TryParseExact($"{y:0000}-{b:00}-{a:00}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return new Daily(d.Index, d.Index + d.Length, date);
            }
        }
        if (NamedMonthDate().Match(text) is { Success: true } named && named.Index > 0
            && DateOnly.TryParseExact($"{named.Groups["d"].Value.PadLeft(2, '0')} {named.Groups["m"].Value} {named.Groups["y"].Value}", "dd MMM yyyy",
                CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var namedDate))
        {
            return new Daily(named.Index, named.Index + named.Length, namedDate);
        }
        if (CompactDate().Match(text) is { Success: true } compact && compact.Index > 0
            && DateOnly.TryParseExact(compact.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var compactDate))
        {
            return new Daily(compact.Index, compact.Index + compact.Length, compactDate);
        }
        if (zone < text.Length && ShortDate().Match(text[..zone].TrimEnd()) is { Success: true } s && s.Index > 0
            && DateOnly.TryParseExact("20" + s.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var shortDate))
        {
            return new Daily(s.Index, s.Index + s.Length, shortDate);
        }
        return null;
    }

    private sealed record AbsoluteMarker(string Show, int Number, int End);

    // Anime numbering: "[Grp] Show - 12", "Show - 049 - Title", "Show Ep01", "Show.E576", "Show Episode 69".
    private static AbsoluteMarker? Absolute(string text, int zone, bool fansub)
    {
        if (fansub && NumberFirst().Match(text) is { Success: true } first)
        {
            int end = Math.Max(first.Length, Math.Min(zone, BracketAfter(text, first.Length)));
            return new AbsoluteMarker(Clean(text[first.Length..end]), Int(first.Groups["n"].Value), text.Length);
        }
        // "Episode 5" of a film series ("Star Wars Episode 5 ... 1980") is not an anime episode: one
        // digit counts only in a fansub's name.
        if (EpisodeWord().Match(text) is { Success: true } word && word.Index > 0 && word.Index < zone && (fansub || word.Groups["n"].Length > 1))
        {
            return new AbsoluteMarker(text[..word.Index], Int(word.Groups["n"].Value), word.Index + word.Length);
        }
        if (DashNumber().Match(text[..zone].TrimEnd()) is { Success: true } dash && dash.Index > 0
            && Year().Match(dash.Groups["n"].Value) is not { Success: true })
        {
            return new AbsoluteMarker(text[..dash.Index], Int(dash.Groups["n"].Value), dash.Index + dash.Length);
        }
        if (fansub)
        {
            // The last number before the tags or the first bracket, never the title's first word ("5 Centimeters...").
            int end = Math.Min(zone, BracketAfter(text, 0));
            var last = LoneNumber().Matches(text[..end]).LastOrDefault(m => m.Index > 0);
            if (last is not null)
            {
                return new AbsoluteMarker(text[..last.Index], Int(last.Groups["n"].Value), last.Index + last.Length);
            }
        }
        return null;
    }

    // The first bracket from a position, but not a year's: "Fullmetal Alchemist (2009) 04 [720p]".
    private static int BracketAfter(string text, int from)
    {
        for (int i = text.IndexOfAny(['[', '('], Math.Min(from, text.Length)); i >= 0; i = text.IndexOfAny(['[', '('], i + 1))
        {
            if (!BracketedYear().IsMatch(text[i..]))
            {
                return i;
            }
        }
        return text.Length;
    }

    /// <summary>The show before an episode marker, without a trailing year (which is returned);
    /// from the folders when the file name starts with the marker.</summary>
    private static (string? Show, int? Year) ShowAndYear(string before, string[] folders, bool takeYear = true)
    {
        var name = Clean(before);
        if (name.Length > 0)
        {
            return takeYear ? SplitYear(name) : (name, null);
        }
        // "S01E02.mkv" inside "Show Name/Season 1/": the show is the folder above the season.
        var useful = folders.Where(f => !SeasonFolder().IsMatch(f)).ToArray();
        return useful.Length > 0 ? SplitYear(Clean(Spaces(useful[^1]))) : (null, null);
    }

    // "Doctor Who (2005)" → ("Doctor Who", 2005); a name that is only a year ("1917") stays.
    private static (string? Name, int? Year) SplitYear(string name)
    {
        if (YearSuffix().Match(name) is { Success: true } y && y.Index > 0)
        {
            var rest = Clean(name[..y.Index]);
            if (rest.Length > 0)
            {
                return (rest, Int(y.Groups[1].Value));
            }
        }
        return (name.Length > 0 ? name : null, null);
    }

    /// <summary>The words after an episode marker up to the tags; a lone year there is the show's year.</summary>
    private static (string? Title, int? Year) EpisodeTitle(string text, int from, int zone, string? group)
    {
        if (from >= zone)
        {
            return (null, null);
        }
        var after = text[from..zone];
        int bracket = after.IndexOf('[');
        if (bracket >= 0)
        {
            after = after[..bracket];
        }
        if (group is not null && after.TrimEnd().EndsWith("-" + group, StringComparison.Ordinal))
        {
            after = after.TrimEnd()[..^(group.Length + 1)];
        }
        var title = Clean(after);
        // "Johnny Knoxville iTouch", "Arte - 12 END": release words at the end are not the title's.
        while (title.LastIndexOf(' ') is var sp and > 0 && ReleaseTags.IsTagWord(title[(sp + 1)..]))
        {
            title = Clean(title[..sp]);
        }
        if (title.Length > 0 && !title.Contains(' ') && ReleaseTags.IsTagWord(title))
        {
            title = "";
        }
        if (Year().Match(title) is { Success: true } y && y.Length == title.Length)
        {
            return (null, Int(title.Trim('(', ')')));
        }
        return (title.Length > 0 ? title : null, null);
    }

    /// <summary>
    /// The release group at the end of a scene name: after the last tag, "x264-GROUP", "x264-TWO-PART",
    /// "AC3.HQ.Hive-CM8", " - YIFY". Only a name with tags has one (else "Ch-Ch-Changes" would be a group).
    /// </summary>
    private static string? TrailingGroup(string stem, bool hasTags)
    {
        stem = stem.TrimEnd();
        if (hasTags && SpacedGroup().Match(stem.Replace('_', ' ')) is { Success: true } spaced)
        {
            return ValidGroup(spaced.Groups[1].Value);
        }
        int start = stem.Length;
        while (start > 0 && stem[start - 1] is not (' ' or '.' or '_' or '[' or ']' or '(' or ')'))
        {
            start--;
        }
        var run = stem[start..];
        if (run.StartsWith('-'))
        {
            return hasTags ? ValidGroup(run.TrimStart('-')) : null; // "(Eng-Subs)-Judas", "x264 -GROUP"
        }
        if (run.IndexOf('-') <= 0 || ReleaseTags.IsTagWord(run))
        {
            return null; // a tag or a word ("x264", "WEB-DL", "DTS-HD")
        }
        // "x264-GRP", "x264-MARINE-FORD", "E-AC3-CMRG", "PDTVx264-JIVE", "S01E12-Judas", "264-BD" (of
        // H.264): the group follows the shortest head that is a tag or an episode marker (release
        // words right after it, as "WEB-DL-NTb", are dropped by ValidGroup).
        for (int dash = run.IndexOf('-'); dash > 0; dash = run.IndexOf('-', dash + 1))
        {
            var head = run[..dash];
            if (ReleaseTags.IsTagWord(head) || IsGluedTag(head) || head.All(char.IsDigit) || SeasonEpisode().IsMatch(head) || CrossEpisode().IsMatch(head))
            {
                return ValidGroup(run[(dash + 1)..]);
            }
        }
        return hasTags ? ValidGroup(run) : null; // "Hive-CM8", "D-Z0N3", "Erai-raws"
    }

    // "PDTVx264", "DLx264": tags run together, with nothing else in the word.
    private static bool IsGluedTag(string word) => !word.Contains('-') && ReleaseTags.Read(word).ZoneStart == 0;

    private static string? ValidGroup(string g)
    {
        // "iNTERNAL-LiEFERDiENST", "SVCD-SOF", "dxva-FraMeSToR": release words before the group are not part of it.
        while (g.IndexOf('-') is var dash and > 0 && (ReleaseTags.IsTagWord(g[..dash]) || IsGluedTag(g[..dash])))
        {
            g = g[(dash + 1)..];
        }
        return g.Length is > 0 and <= 30 && g.Any(char.IsLetter) && !ReleaseTags.IsTagWord(g) && !EpisodeOnly().IsMatch(g) && !g.Contains('.') ? g : null;
    }

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

    // Dots and underscores separate words in release names, but not inside "5.1", "H.264", "DD+5.1",
    // and a dot before a space is punctuation ("Gov. Deval Patrick").
    private static string Spaces(string s)
    {
        // "11.22.63.S01E06", "Chernobyl.S01E01.1.23.45": in a name separated by dots alone, a dot
        // between digits separates too ("DD5.1" then reads "DD5 1", which the tags accept).
        bool dotsOnly = s.IndexOfAny([' ', '_']) < 0;
        var spaced = DotSeparator().Replace(s.Replace('_', ' ').Replace('‒', '-').Replace('–', '-').Replace('—', '-'), " ");
        if (dotsOnly)
        {
            spaced = DigitDot().Replace(spaced, " ");
        }
        return Collapse().Replace(BitDepth().Replace(spaced, "bit"), " ").Trim();
    }

    private static string Clean(string s)
    {
        s = Collapse().Replace(s, " ");
        while (true)
        {
            var before = s;
            s = s.Trim(' ', '-', '.', '_', ',', '~', ':');
            s = s.Replace("()", "").Replace("[]", "");
            // Brackets at the ends go unless they are balanced ("The Office (US)" keeps its own).
            if (s.Length > 0 && s[^1] is '(' or '[' or '{')
            {
                s = s[..^1];
            }
            if (s.Length > 0 && s[0] is ')' or ']' or '}')
            {
                s = s[1..];
            }
            if (s.Length > 0 && (s[0] is '(' or '[') && s.Count(c => c == s[0]) > s.Count(c => c == (s[0] == '(' ? ')' : ']')))
            {
                s = s[1..];
            }
            if (s.Length > 0 && (s[^1] is ')' or ']') && s.Count(c => c == s[^1]) > s.Count(c => c == (s[^1] == ')' ? '(' : '[')))
            {
                s = s[..^1];
            }
            if (s == before)
            {
                return s;
            }
        }
    }
}
