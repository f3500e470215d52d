using System.Text.RegularExpressions;

namespace MediaLibrary.Common.ReleaseNames;

/// <summary>
/// The quality and release words of a name ("1080p", "WEB-DL", "x264", "DDP5.1", "FRENCH", "PROPER"...)
/// with their canonical spellings, and where the run of such words (the "tag zone") starts: what
/// comes before it is title, what comes after is release detail.
/// </summary>
internal sealed partial class ReleaseTags
{
    public string? Resolution { get; private set; }
    public string? Source { get; private set; }
    public string? VideoCodec { get; private set; }
    public string? AudioCodec { get; private set; }
    public string? Edition { get; private set; }
    public List<string> Languages { get; } = [];

    /// <summary>Index in the text where the tag zone starts (the text's length when there is none).</summary>
    public int ZoneStart { get; private set; }

    /// <summary>Index of the first tag that cannot be a title word (resolution, codec, an unambiguous
    /// source): a movie title ends there even when the year comes later.</summary>
    public int FirstStrong { get; private set; }

    /// <summary>Reads <paramref name="text"/> (separators already turned into spaces).</summary>
    public static ReleaseTags Read(string text)
    {
        var tags = new ReleaseTags { ZoneStart = text.Length, FirstStrong = text.Length };
        var strong = new List<int>();
        string? Pick(Regex regex, Func<Match, string?> name, bool isStrong = true)
        {
            foreach (Match m in regex.Matches(text))
            {
                if (name(m) is { } value)
                {
                    if (isStrong)
                    {
                        strong.Add(m.Index);
                    }
                    return value;
                }
            }
            return null;
        }

        tags.Resolution = Pick(ResolutionTag(), m => m.Groups["h"].Success ? ResolutionOf(NameText.Number(m.Groups["w"].ValueSpan),
            NameText.Number(m.Groups["h"].ValueSpan)) : NormalizeResolution(m.Value));
        tags.VideoCodec = Pick(VideoCodecTag(), m => NormalizeVideoCodec(m.Value));
        tags.AudioCodec = Pick(AudioCodecTag(), m => NormalizeAudioCodec(m.Value));
        // The first source named wins, but a bare REMUX defers to one that says of what.
        var sources = SourceTag().Matches(text).Select(m => (m.Index, Value: NormalizeSource(m.Value), Raw: m.Value)).ToList();
        foreach (var s in sources.Where(s => IsUnambiguousSource(s.Raw)))
        {
            strong.Add(s.Index);
        }
        tags.FirstStrong = strong.Count > 0 ? strong.Min() : text.Length;

        // The zone: from the first strong tag, extended left over words that belong with tags
        // ("FRENCH", "PROPER", "AMZN", "[", "-"), so "Movie.FRENCH.720p" is titled "Movie".
        int zone = tags.FirstStrong;
        foreach (Match m in EditionTag().Matches(text))
        {
            // An edition before the year ends a title ("Alien DC (1979)"), but never starts one ("Uncut Gems").
            if (m.Index > 0 && (m.Value.Contains(' ') || m.Value.Contains('-') || char.IsUpper(m.Value[^1]) || m.Value.StartsWith('{')))
            {
                zone = Math.Min(zone, m.Index);
            }
        }
        zone = ExtendLeft(text, zone);
        tags.ZoneStart = zone;
        // A word that is a source only in the tags ("TS", "Web", "CAM") counts only in the tag zone:
        // "Madame Web 2024 UHD BluRay" is a BluRay, "TC 2000 (1993)" a film's title.
        var counted = sources.Where(s => IsUnambiguousSource(s.Raw) || s.Index >= zone).Select(s => s.Value).ToList();
        tags.Source = counted.FirstOrDefault(v => v != "Remux") ?? (counted.Count > 0 ? "BluRay" : null);

        var edition = EditionTag().Matches(text).FirstOrDefault(m => m.Index > 0);
        tags.Edition = edition is null ? null : NormalizeEdition(edition.Value);
        tags.ReadLanguages(text, zone);
        return tags;
    }

    /// <summary>True when <paramref name="word"/> is a release word (a tag or a word that goes with tags).</summary>
    public static bool IsTagWord(string word) =>
        Whole(ResolutionTag(), word) || Whole(VideoCodecTag(), word) || Whole(AudioCodecTag(), word) || Whole(SourceTag(), word)
        || Companion().IsMatch(word) || LanguageWord().IsMatch(word) || SubtitleWord().IsMatch(word);

    private static bool Whole(Regex regex, string word) => regex.Match(word) is { Success: true, Index: 0 } m && m.Length == word.Length;

    // Moves the zone's start left over release words and punctuation next to it.
    private static int ExtendLeft(string text, int zone)
    {
        var words = Word().Matches(text[..zone]).ToList();
        for (int i = words.Count - 1; i >= 0; i--)
        {
            var w = words[i];
            var between = text[(w.Index + w.Length)..zone];
            if (between.Any(char.IsLetterOrDigit))
            {
                break;
            }
            if (!IsZoneWord(w.Value))
            {
                break;
            }
            zone = w.Index;
        }
        // An opening bracket or a " - " right before the zone belongs to it.
        while (zone > 0 && text[zone - 1] is ' ' or '[' or '(' or '-' or '{')
        {
            zone--;
        }
        while (zone < text.Length && text[zone] == ' ')
        {
            zone++;
        }
        return zone;
    }

    private static bool IsZoneWord(string word) =>
        Companion().IsMatch(word) || LanguageWord().IsMatch(word) || EditionTag().IsMatch(word) || SubtitleWord().IsMatch(word)
        || Whole(SourceTag(), word);

    private void ReadLanguages(string text, int zone)
    {
        bool subtitles = false; // "sub.ita.eng", "German.Sub": subtitle languages are not the audio's
        foreach (Match w in Word().Matches(text))
        {
            if (w.Index < zone)
            {
                continue;
            }
            if (SubtitleWord().IsMatch(w.Value))
            {
                subtitles = true;
                continue;
            }
            if (LanguageWord().IsMatch(w.Value) && LanguageCode(w.Value) is { } code)
            {
                // "eng sub", "Eng-Subs": subtitles; "ENG - sub FR": English audio, French subtitles.
                var rest = text[(w.Index + w.Length)..];
                var next = Word().Match(rest);
                bool subtitled = subtitles || (next.Success && SubtitleWord().IsMatch(next.Value) && !rest[..next.Index].Contains(" - ",
                    StringComparison.Ordinal));
                if (!subtitled && !Languages.Contains(code))
                {
                    Languages.Add(code);
                }
                continue;
            }
            subtitles = false;
        }
    }

    private static string? LanguageCode(string word) => word.ToLowerInvariant() switch
    {
        "french" or "fr" or "vf" or "truefrench" or "vff" or "vfi" or "vfq" or "vf2" or "fre" or "fra" => "fr",
        "german" or "ger" or "deu" => "de",
        "italian" or "ita" => "it",
        "spanish" or "esp" or "spa" or "castellano" or "español" or "espanol" => "es",
        "korean" or "kor" => "ko",
        "japanese" or "jpn" or "jap" => "ja",
        "russian" or "rus" => "ru",
        "dutch" or "nld" or "flemish" => "nl",
        "polish" or "pol" or "pl" => "pl",
        "portuguese" or "por" => "pt",
        "hindi" or "hin" => "hi",
        "tamil" or "tam" => "ta",
        "telugu" or "tel" => "te",
        "english" or "eng" or "ingles" or "inglés" => "en",
        "slovak" or "slk" => "sk",
        "greek" or "gre" or "ell" => "el",
        "hungarian" or "hun" => "hu",
        "chinese" or "chi" or "mandarin" or "cantonese" => "zh",
        "swedish" or "swe" => "sv",
        "danish" or "dan" => "da",
        "norwegian" or "nor" => "no",
        "finnish" or "fin" => "fi",
        "czech" or "cze" => "cs",
        "turkish" or "tur" => "tr",
        "arabic" or "ara" => "ar",
        "hebrew" or "heb" => "he",
        "thai" => "th",
        "vietnamese" or "vie" => "vi",
        "ukrainian" or "ukr" => "uk",
        "multi" => "multi",
        _ => null,
    };

    private static bool IsUnambiguousSource(string raw) =>
        !(raw.Equals("WEB", StringComparison.OrdinalIgnoreCase) && raw != "WEB") && raw is not ("TS" or "TC" or "SCR" or "BD" or "CAM" or "cam" or "DVD");

    // Named by the larger side, as releases are: a 1920x800 scope film is "1080p".
    internal static string ResolutionOf(int width, int height) => Math.Max(width * 9 / 16, height) switch
    {
        >= 2000 => "2160p",
        >= 1000 => "1080p",
        >= 700 => "720p",
        >= 560 => "576p",
        _ => "480p",
    };

    private static string NormalizeResolution(string v) => v.ToLowerInvariant() switch
    {
        "4k" or "uhd" => "2160p",
        var r => r,
    };

    private static string NormalizeSource(string v) => v.ToLowerInvariant().Replace(" ", "").Replace(".", "").Replace("-", "") switch
    {
        "bdrip" or "brrip" => "BDRip",
        "webdl" => "WEB-DL",
        "webrip" => "WEBRip",
        "web" => "WEB",
        "hdtv" or "pdtv" or "hdtvrip" or "ahdtv" => "HDTV",
        "sdtv" => "SDTV",
        "dvdrip" => "DVDRip",
        "dvd" or "dvd5" or "dvd9" or "dvdr" or "dvdr9" or "dvdr5" => "DVD",
        "hdrip" => "HDRip",
        "cam" or "hdcam" or "camhd" or "camrip" => "CAM",
        "ts" or "hdts" or "telesync" or "tsrip" => "TS",
        "tc" or "hdtc" or "hdtcrip" or "telecine" => "TC",
        "scr" or "screener" or "dvdscr" => "SCR",
        "remux" => "Remux",
        _ => "BluRay", // Blu-ray, BluRay, BDRemux, BD-RM, BD
    };

    private static string NormalizeVideoCodec(string v) => v.ToLowerInvariant().Replace(".", "").Replace(" ", "").Replace("-", "") switch
    {
        "x264" => "x264",
        "x265" => "x265",
        "h264" or "avc" => "H.264",
        "h265" or "hevc" => "HEVC",
        "xvid" => "XviD",
        "divx" => "DivX",
        "av1" => "AV1",
        "vp9" => "VP9",
        "vc1" => "VC-1",
        _ => "MPEG-2",
    };

    private static string? NormalizeAudioCodec(string v)
    {
        var k = v.ToLowerInvariant().Replace(" ", "").Replace(".", "").Replace("-", "").Replace(":", "");
        return k switch
        {
            "atmos" => null, // with TrueHD or DDP, never alone: the codec is the other word
            _ when k.StartsWith("dtshd", StringComparison.Ordinal) || k.StartsWith("dtsma", StringComparison.Ordinal) => "DTS-HD MA",
            "dtsx" => "DTS-X",
            "dts" => "DTS",
            "truehd" => "TrueHD",
            _ when k.StartsWith("ddp", StringComparison.Ordinal) || k.StartsWith("dd+", StringComparison.Ordinal) || k.StartsWith("eac3",
                StringComparison.Ordinal) => "EAC3",
            _ when k.StartsWith("dd", StringComparison.Ordinal) || k.StartsWith("ac3", StringComparison.Ordinal) => "AC3",
            _ when k.StartsWith("aac", StringComparison.Ordinal) => "AAC",
            "flac" => "FLAC",
            "mp3" => "MP3",
            "opus" => "Opus",
            _ => "LPCM",
        };
    }

    private static string NormalizeEdition(string v)
    {
        if (v.StartsWith('{'))
        {
            v = v[(v.IndexOf('-') + 1)..].TrimEnd('}');
        }
        var k = v.ToLowerInvariant().Replace("'", "").Replace(".", " ").Replace("_", " ");
        return k switch
        {
            _ when k.StartsWith("extended", StringComparison.Ordinal) => "Extended",
            _ when k.StartsWith("director", StringComparison.Ordinal) || k == "dc" => "Director's Cut",
            "unrated" => "Unrated",
            "remastered" => "Remastered",
            _ when k.StartsWith("theatrical", StringComparison.Ordinal) => "Theatrical",
            "imax" => "IMAX",
            _ when k.StartsWith("criterion", StringComparison.Ordinal) => "Criterion",
            "uncut" => "Uncut",
            "special edition" => "Special Edition",
            _ when k.Contains("anniversary", StringComparison.Ordinal) => "Anniversary Edition",
            "final cut" => "Final Cut",
            _ => v,
        };
    }

    [GeneratedRegex(@"[\p{L}0-9']+", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<![0-9])(?:(?<w>[0-9]{3,4})[xX×*](?<h>[0-9]{3,4})|(?:2160|1080|720|576|480)[pPiI])(?![A-Za-z0-9])|\b4K\b|\bUHD\b", RegexOptions.None,
        NameText.RegexTimeout)]
    private static partial Regex ResolutionTag();

    [GeneratedRegex(@"(?<![A-Za-z])(?:Blu-?Ray|BDRemux|BD-?RM|BDRip|BR-?Rip|WEB[- ]?DL|WEB-?Rip|A?HDTV(?:Rip)?|PDTV|SDTV|SD TV|DVD-?Rip|DVDSCR|" +
        @"DVD-?R[59]?|DVD[59]?|HDRip|HDCAM|CAMHD|CAMRip|TELESYNC|TSRip|HDTS|HDTC(?:Rip)?|TELECINE|SCREENER|REMUX)(?:(?![A-Za-z])|(?=[xX]26[45]))|" +
        @"(?<![A-Za-z])(?:WEB|TS|TC|SCR|CAM|BD)(?![A-Za-z])|\bcam\b", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex SourceTag();

    [GeneratedRegex(@"(?<=(?i:TV|DL|Rip))[xX]26[45]\b|\b(?:[xX]26[45]|[Hh][\. ]?26[45]|HEVC|AVC|XviD|DivX|AV1|VP9|VC-?1|MPEG-?2)\b", RegexOptions.IgnoreCase,
        NameText.RegexTimeout)]
    private static partial Regex VideoCodecTag();

    [GeneratedRegex(@"\b(?:DTS-?HD[ .-]?MA|DTSHD[ .-]?MA|DTS-?MAD?|DTS-HD|DTS[-:]?X|DTS|TrueHD|Atmos|DDP(?:[ .]?[0-9][ .][0-9])?|" +
        @"DD\+(?:[0-9][ .][0-9])?|E-?AC-?3D?|AC-?3D?|AAC(?:[ .]?[0-9][ .][0-9]|x[0-9])?|FLAC|MP3|Opus|LPCM)(?![A-Za-z])|" +
        @"(?<![A-Za-z])DD(?:[ .]?[0-9][ .][0-9])?(?![A-Za-z+])", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex AudioCodecTag();

    [GeneratedRegex(@"\{edition-[^}]+\}|\b(?:Extended(?:[ ._](?:Cut|Edition|Version))?|Director'?s?[ ._]Cut|(?<![A-Za-z])DC(?![A-Za-z'])|Unrated|" +
        @"Remastered|Theatrical(?:[ ._](?:Cut|Edition))?|IMAX|Criterion(?:[ ._]Edition)?|Uncut|Special[ ._]Edition|(?:[0-9]+(?:st|nd|rd|" +
        @"th)[ ._])?Anniversary[ ._]Edition|Final[ ._]Cut)\b", RegexOptions.IgnoreCase, NameText.RegexTimeout)]
    private static partial Regex EditionTag();

    // Words that sit among tags but say nothing we keep: fixes, services, formats, subtitle markers.
    [GeneratedRegex(@"^(?:(?i:PROPER[0-9]?|REPACK[0-9]?|CUSTOM|RERIP|REAL|SUBFORCED|SVCD|VCD|NFO|dxva|ANiME|iNTERNAL|DIRFIX|NFOFIX|READNFO|LIMITED|" +
        @"COMPLETE|DOCU|UPSCALED?|REMASTERED|EXTENDED|UNRATED|THEATRICAL|DUBBED|DUB|VOSTFR|VOSTA|FASTSUB|SUBFRENCH|ENSUBBED|PLSUB|MULTISUB|HDR|HDR10|" +
        @"HDR10\+|DoVi|SDR|10bit|8bit|10-bit|Hi10P?|Atmos|PREAiR|AMZN|DSNP|HMAX|ATVP|HULU|PCOK|PMTP|DCU|HBO|MNBC|iTunes|iTouch|Dual|Audio|Remux|HEVC|" +
        @"x265|x264|WS|BiAUDiO|WMV|MP4|MKV|AVI)|FINAL|FiNAL|END|DOC|HD|LiNE|LINE|NTSC|PAL|v[0-9]|FS|HR|DL|LD|MD|HC|HQ|CC|ID|iP|NF|MAX|DV|R5|R6|SD|" +
        @"CD[0-9])$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex Companion();

    [GeneratedRegex(@"^(?:(?i:french|truefrench|vff|vfi|vfq|vf2|german|italian|ita|spanish|esp|castellano|korean|japanese|jpn|russian|rus|dutch|flemish|" +
        @"polish|portuguese|hindi|tamil|telugu|english|eng|greek|hungarian|hun|chinese|mandarin|cantonese|swedish|danish|norwegian|finnish|czech|" +
        @"turkish|arabic|hebrew|thai|vietnamese|ukrainian|slovak|jap|spa|tel|tam|hin|ingles|inglés|español|espanol|multi)|PL|GER|FRE|FR|" +
        @"VF)$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex LanguageWord();

    // A language next to one of these is the subtitles' ("eng sub", "sub.ita.eng"), not the audio's.
    [GeneratedRegex(@"^(?i:sub|subs|subbed|subtitles?)$", RegexOptions.None, NameText.RegexTimeout)]
    private static partial Regex SubtitleWord();
}
