using MediaLibrary.Common.Quality;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Walking;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Common.Organizing;

/// <summary>
/// Builds the plan of `mlm organize` (a dry run: nothing moves): each catalog video under the given
/// roots gets a target from the template, its subtitles and .nfo of the same stem follow it as one
/// unit, and every conflict is named: target exists, two sources to one target, case-only renames,
/// a target inside a file, names the template could not fill, and copies without room for them.
/// The policy settles taken targets; the "better copy" policies move what gives way to the trash
/// folder, never deleting or overwriting anything.
/// </summary>
public sealed partial class OrganizePlanner
{
    private static readonly HashSet<string> SidecarExtensions = new(
        new ClassifierSettings().SubtitleExtensions.Concat(new ClassifierSettings().XmlExtensions), StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> VideoExtensions = new(new ClassifierSettings().MediaExtensions, StringComparer.OrdinalIgnoreCase);

    private readonly CatalogStore _catalog;
    private readonly NamingTemplate _template;
    private readonly string _destination;
    private readonly ConflictPolicy _policy;
    private readonly OrganizeMode _mode;
    private readonly Func<string, MediaInfo?>? _probe;
    private readonly string _trashBatch;
    private readonly Dictionary<string, string> _claimed = new(StringComparer.Ordinal); // target -> source
    private readonly HashSet<string> _freed = new(StringComparer.Ordinal); // files that go to the trash earlier in the plan
    private readonly HashSet<string> _planned = new(StringComparer.Ordinal); // every source of the plan (videos and sidecars)

    /// <param name="catalog">Where the videos, their metadata and sizes come from.</param>
    /// <param name="template">The naming template.</param>
    /// <param name="destination">Absolute folder the template's paths start from.</param>
    /// <param name="policy">What to do with taken targets.</param>
    /// <param name="mode">Move, copy or link: decides which files need room on the destination.</param>
    /// <param name="trash">Where copies that give way go (default: ".mlm-trash" in the destination).</param>
    /// <param name="probe">Metadata for a file at a target that the catalog has none for (ffprobe),
    /// so "better" compares measurements rather than names.</param>
    public OrganizePlanner(CatalogStore catalog, NamingTemplate template, string destination, ConflictPolicy policy,
        OrganizeMode mode = OrganizeMode.Move, string? trash = null, Func<string, MediaInfo?>? probe = null)
    {
        _catalog = catalog;
        _template = template;
        _destination = destination;
        _policy = policy;
        _mode = mode;
        _probe = probe;
        TrashFolder = trash ?? Path.Combine(destination, ".mlm-trash");
        // One folder per plan inside the trash, holding each file under its full original path.
        _trashBatch = Path.Combine(TrashFolder, DateTime.Now.ToString("yyyy-MM-dd_HHmmss", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Where copies that give way are moved (never taken as a source).</summary>
    public string TrashFolder { get; }

    /// <summary>What a video's path says (tests put a failing reader here).</summary>
    internal Func<string, ParsedName> ReadName { get; init; } = ReleaseNameParser.Parse;

    // Where the template puts the video, and why it cannot go there. Whatever goes wrong in reading
    // one name is that file's conflict: it stays, and the rest of the library is planned.
    private (string Target, string? Problem) TargetOf(CatalogRecord video, HashSet<string> sources)
    {
        try
        {
            var values = TemplateValues.From(ReadName(video.Path), video.Ext, video.Media);
            var target = Path.Combine(_destination, _template.Render(values, out var missing));
            return (target, missing.Count > 0 ? $"the name could not be filled (no {string.Join(", ", missing.Distinct())})" : InsideAFile(target, sources));
        }
        catch (Exception e)
        {
            return (video.Path, $"the name could not be read: {e.Message}");
        }
    }

    /// <summary>A video and the subtitles/.nfo that follow it: they move together or not at all.</summary>
    private sealed record Unit(CatalogRecord Video, string Target, string? Problem, List<(CatalogRecord Record, string Suffix)> Sidecars)
    {
        public CopyQuality? Quality { get; set; }

        /// <summary>Every target of the unit when the video goes to <paramref name="videoTarget"/>.</summary>
        public IEnumerable<(CatalogRecord Record, string Target)> Files(string videoTarget) =>
            Sidecars.Select(s => (s.Record, Path.ChangeExtension(videoTarget, null) + s.Suffix)).Prepend((Video, videoTarget));
    }

    /// <summary>The plan: moves in the order they must run (a copy that gives way before the one that takes its place).</summary>
    public List<PlanEntry> Plan(IReadOnlyList<string> roots)
    {
        var normalized = roots.Select(FileWalker.NormalizeRoot).ToList();
        bool Wanted(CatalogRecord r) => !r.Gone && r.Source == CatalogKey.LocalSource
            && (normalized.Count == 0 || normalized.Any(root => WalkOrder.IsUnder(r.Path, root)))
            && !WalkOrder.IsUnder(r.Path, TrashFolder);
        var videos = _catalog.ListFiles(FileKind.Video, CatalogKey.LocalSource, null, false, null, int.MaxValue).Where(Wanted).ToList();
        var sidecars = _catalog.ListFiles(FileKind.Subtitle, CatalogKey.LocalSource, null, false, null, int.MaxValue)
            .Concat(_catalog.ListFiles(FileKind.Xml, CatalogKey.LocalSource, null, false, null, int.MaxValue))
            .Where(Wanted)
            .GroupBy(r => Path.GetDirectoryName(r.Path)!)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var sources = videos.Select(v => v.Path).ToHashSet(StringComparer.Ordinal);
        // A sidecar follows the video whose stem is the longest start of its name: "Show.S01E01.Part2.srt"
        // belongs to "Show.S01E01.Part2.mkv", not to "Show.S01E01.mkv" beside it.
        var owner = new Dictionary<string, string>(StringComparer.Ordinal); // sidecar path -> video path
        foreach (var folder in videos.GroupBy(v => Path.GetDirectoryName(v.Path)!))
        {
            foreach (var side in sidecars.GetValueOrDefault(folder.Key, []))
            {
                var name = Path.GetFileName(side.Path);
                var best = folder.Where(v => name.StartsWith(Path.GetFileNameWithoutExtension(v.Path) + ".", StringComparison.Ordinal))
                    .MaxBy(v => Path.GetFileNameWithoutExtension(v.Path).Length);
                if (best is not null)
                {
                    owner[side.Path] = best.Path;
                }
            }
        }

        var units = new List<Unit>();
        foreach (var video in videos)
        {
            var (target, problem) = TargetOf(video, sources);
            var stem = Path.GetFileNameWithoutExtension(video.Path);
            var followers = sidecars.GetValueOrDefault(Path.GetDirectoryName(video.Path)!, [])
                .Where(s => owner.GetValueOrDefault(s.Path) == video.Path)
                // "Film.en.srt" beside "Film.mkv" becomes "<target stem>.en.srt".
                .Select(s => (s, Path.GetFileName(s.Path)[stem.Length..]))
                .ToList();
            units.Add(new Unit(video, target, problem, followers));
            _planned.Add(video.Path);
            _planned.UnionWith(followers.Select(f => f.s.Path));
        }

        var plan = new List<PlanEntry>();
        foreach (var group in units.GroupBy(u => u.Problem is null ? u.Target : "\0" + u.Video.Path, StringComparer.Ordinal).OrderBy(g => g.Min(u =>
            u.Video.Path), StringComparer.Ordinal))
        {
            // A file already in place keeps its place against newcomers; then path order.
            var claimants = group.OrderBy(u => IsAt(u, u.Target) ? 0 : 1).ThenBy(u => u.Video.Path, StringComparer.Ordinal).ToList();
            if (claimants[0].Problem is { } problem)
            {
                plan.AddRange(Stay(claimants[0], problem));
            }
            else if (_policy is ConflictPolicy.Better or ConflictPolicy.Trash)
            {
                plan.AddRange(KeepBetter(claimants));
            }
            else
            {
                foreach (var unit in claimants)
                {
                    plan.AddRange(FirstComeFirstServed(unit));
                }
            }
        }
        return KeepRoomOnlyForWhatComes(CheckSpace(plan));
    }

    // A worse copy gives way only for a better one that can come: if the better copy has a conflict
    // (no room, a hardlink across file systems, a sidecar in the way), the worse ones stay.
    private static List<PlanEntry> KeepRoomOnlyForWhatComes(List<PlanEntry> plan)
    {
        var blocked = plan.Where(e => e.SidecarOf is null && e.Conflict is not null).Select(e => e.Source).ToHashSet(StringComparer.Ordinal);
        return plan.Select(e => e.MakesRoomFor is { } winner && e.Conflict is null && blocked.Contains(winner)
            ? e with { Conflict = $"kept: the better copy {winner} cannot come", Note = null }
            : e).ToList();
    }
}
