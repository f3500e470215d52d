using DotNet.Globbing;

namespace MediaLibrary.Common.Classification;

/// <summary>
/// Classifies a file by name with the earlier system's semantics: a junk pattern wins unless the
/// extension is excluded from junk or listed as "other"; otherwise the extension lists decide.
/// </summary>
public sealed class Classifier
{
    private static readonly GlobOptions CaseInsensitive = new() { Evaluation = { CaseInsensitive = true } };
    private readonly Dictionary<string, string> _kindByExtension = new(StringComparer.Ordinal);
    private readonly HashSet<string> _neverJunk = new(StringComparer.Ordinal);
    private readonly (string Pattern, Glob Glob)[] _junk;

    /// <summary>Compiles the settings' lists and globs once.</summary>
    /// <exception cref="ArgumentException">A junk pattern is not a valid glob.</exception>
    public Classifier(ClassifierSettings settings)
    {
        Settings = settings;
        // Later lists win a clash, in the order the contract lists the kinds.
        Map(settings.MediaExtensions, FileKind.Video);
        Map(settings.AudioExtensions, FileKind.Audio);
        Map(settings.ImageExtensions, FileKind.Image);
        Map(settings.SubtitleExtensions, FileKind.Subtitle);
        Map(settings.XmlExtensions, FileKind.Xml);
        Map(settings.OtherExtensions, FileKind.Other);
        foreach (var ext in settings.JunkExcludeExtensions.Concat(settings.OtherExtensions))
        {
            _neverJunk.Add(NormalizeExtension(ext));
        }
        _junk = settings.JunkPatterns.Select(p => (p, Parse(p))).ToArray();
    }

    /// <summary>The settings this classifier was built from.</summary>
    public ClassifierSettings Settings { get; }

    /// <summary>Classifies a path by its file name.</summary>
    public Classification Classify(string path)
    {
        var name = Path.GetFileName(path);
        var ext = ExtensionOf(name);
        if (!_neverJunk.Contains(ext))
        {
            foreach (var (pattern, glob) in _junk)
            {
                if (glob.IsMatch(name))
                {
                    return new Classification(FileKind.Junk, ext, "pattern: " + pattern);
                }
            }
        }
        return new Classification(_kindByExtension.GetValueOrDefault(ext, FileKind.Unknown), ext, null);
    }

    /// <summary>Lower-case extension with the dot, "" when the name has none (as Python's splitext:
    /// a leading dot alone, as in ".DS_Store", is not an extension).</summary>
    public static string ExtensionOf(string name)
    {
        int dot = name.LastIndexOf('.');
        int stemStart = 0;
        while (stemStart < name.Length && name[stemStart] == '.')
        {
            stemStart++;
        }
        return dot < stemStart ? "" : name[dot..].ToLowerInvariant();
    }

    private static Glob Parse(string pattern)
    {
        try
        {
            return Glob.Parse(pattern, CaseInsensitive);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"invalid junk pattern '{pattern}': {e.Message}", nameof(pattern), e);
        }
    }

    private void Map(IEnumerable<string> extensions, string kind)
    {
        foreach (var ext in extensions)
        {
            _kindByExtension[NormalizeExtension(ext)] = kind;
        }
    }

    private static string NormalizeExtension(string ext)
    {
        ext = ext.Trim().ToLowerInvariant();
        return ext.Length == 0 || ext[0] == '.' ? ext : "." + ext;
    }
}
