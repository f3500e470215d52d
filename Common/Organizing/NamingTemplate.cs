using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaLibrary.Common.Organizing;

/// <summary>
/// Python-format-like naming templates: <c>{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}</c>.
/// Tokens are <c>{name}</c> or <c>{name:0Nd}</c>; a <c>[...]</c> section vanishes when a token in it
/// has no value (<c>[[</c> and <c>]]</c> are literal brackets); <c>/</c> separates folders, and each
/// folder and file name is made safe (<see cref="SafeName"/>). Checked when built: an unknown token
/// or a bad format spec is an error before any file is touched.
/// </summary>
public sealed partial class NamingTemplate
{
    /// <summary>Every token a template may use.</summary>
    public static IReadOnlyList<string> Tokens { get; } =
    [
        "show", "season", "episode", "episodes", "episodes_range", "absolute", "episode_title", "air_date",
        "title", "year", "resolution", "source", "vcodec", "acodec", "group", "edition", "language", "ext",
    ];

    private static readonly HashSet<string> Numeric = ["season", "episode", "episodes", "episodes_range", "absolute", "year"];
    private readonly string _template;

    /// <summary>Parses and checks <paramref name="template"/>.</summary>
    /// <exception cref="TemplateException">Unknown token, bad format spec, unbalanced brackets or braces.</exception>
    public NamingTemplate(string template)
    {
        _template = template;
        Render(new TemplateValues(), null); // throws on an unknown token or a bad spec
    }

    /// <summary>The relative path for <paramref name="values"/>, folders separated by '/'.</summary>
    public string Render(TemplateValues values) => Render(values, null);

    /// <summary>As <see cref="Render(TemplateValues)"/>, also naming the required tokens (outside
    /// optional sections) that had no value: such a name is incomplete and must not be used.</summary>
    public string Render(TemplateValues values, out IReadOnlyList<string> missing)
    {
        var names = new List<string>();
        var path = Render(values, names);
        missing = names;
        return path;
    }

    private string Render(TemplateValues values, List<string>? missingRequired)
    {
        var output = new StringBuilder();
        var section = (StringBuilder?)null;
        bool sectionMissing = false;
        var t = _template;
        for (int i = 0; i < t.Length; i++)
        {
            char c = t[i];
            var target = section ?? output;
            if (c == '[' && i + 1 < t.Length && t[i + 1] == '[' || c == ']' && i + 1 < t.Length && t[i + 1] == ']')
            {
                target.Append(c);
                i++;
                continue;
            }
            if (c == '[')
            {
                if (section is not null)
                {
                    throw new TemplateException($"sections cannot nest (position {i})");
                }
                section = new StringBuilder();
                sectionMissing = false;
                continue;
            }
            if (c == ']')
            {
                if (section is null)
                {
                    throw new TemplateException($"']' without '[' at position {i} (write ']]' for a literal one)");
                }
                if (!sectionMissing)
                {
                    output.Append(section);
                }
                section = null;
                continue;
            }
            if (c == '{')
            {
                int close = t.IndexOf('}', i);
                if (close < 0)
                {
                    throw new TemplateException($"'{{' at position {i} is not closed");
                }
                var (value, missing) = Token(t[(i + 1)..close], values, i);
                if (missing && section is null)
                {
                    missingRequired?.Add(t[(i + 1)..close].Split(':')[0].Trim());
                }
                sectionMissing |= missing;
                target.Append(value);
                i = close;
                continue;
            }
            if (c == '}')
            {
                throw new TemplateException($"'}}' without '{{' at position {i}");
            }
            target.Append(c);
        }
        if (section is not null)
        {
            throw new TemplateException("a '[' section is not closed");
        }
        var segments = output.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries).Select(SafeName.Segment);
        return string.Join('/', segments);
    }

    private static (string Value, bool Missing) Token(string token, TemplateValues v, int position)
    {
        var parts = token.Split(':', 2);
        var name = parts[0].Trim();
        var spec = parts.Length > 1 ? parts[1] : "";
        if (!Tokens.Contains(name))
        {
            throw new TemplateException($"unknown token '{{{name}}}' at position {position} (known: {string.Join(", ", Tokens)})");
        }
        int? pad = null;
        if (spec.Length > 0)
        {
            var m = IntSpec().Match(spec);
            if (!m.Success || !Numeric.Contains(name))
            {
                throw new TemplateException($"bad format spec '{spec}' for '{{{name}}}' (numbers take d or 0Nd, e.g. {{season:02d}})");
            }
            pad = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        string Num(int n) => n.ToString(pad is > 0 ? new string('0', pad.Value) : "0", CultureInfo.InvariantCulture);
        string? value = name switch
        {
            "show" => v.Show,
            "season" => v.Season is { } s ? Num(s) : null,
            "episode" => v.Episodes.Count > 0 ? Num(v.Episodes[0]) : null,
            // S01E01E02 style: the numbers joined by "E".
            "episodes" => v.Episodes.Count > 0 ? string.Join("E", v.Episodes.Select(Num)) : null,
            // S01E01-E03 style: first and last.
            "episodes_range" => v.Episodes.Count > 0 ? (v.Episodes.Count == 1 ? Num(v.Episodes[0]) : $"{Num(v.Episodes[0])}-E{Num(v.Episodes[^1])}") : null,
            "absolute" => v.AbsoluteEpisode is { } a ? Num(a) : null,
            "episode_title" => v.EpisodeTitle,
            "air_date" => v.AirDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "title" => v.Title,
            "year" => v.Year is { } y ? Num(y) : null,
            "resolution" => v.Resolution,
            "source" => v.Source,
            "vcodec" => v.VideoCodec,
            "acodec" => v.AudioCodec,
            "group" => v.ReleaseGroup,
            "edition" => v.Edition,
            "language" => v.Languages.Count > 0 ? string.Join(' ', v.Languages) : null,
            "ext" => v.Extension,
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? ("", true) : (value, false);
    }

    [GeneratedRegex(@"^0?(\d{1,2})?d$")]
    private static partial Regex IntSpec();
}
