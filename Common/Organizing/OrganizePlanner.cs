using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.ReleaseNames;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Organizing;

/// <summary>
/// Builds the plan of `mlm organize` (a dry run: nothing moves): each catalog video under the given
/// roots gets a target from the template, its subtitles and .nfo of the same stem follow it as one
/// unit, and every conflict is named: target exists, two sources to one target, case-only renames,
/// a target inside a file, names the template could not fill, and copies without room for them.
/// The policy settles taken targets; the "better copy" policies move what gives way to the trash
/// folder, never deleting or overwriting anything.
/// </summary>
public sealed class OrganizePlanner
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
            var values = TemplateValues.From(ReleaseNameParser.Parse(video.Path), video.Ext, video.Media);
            var relative = _template.Render(values, out var missing);
            var target = Path.Combine(_destination, relative);
            string? problem = missing.Count > 0 ? $"the name could not be filled (no {string.Join(", ", missing.Distinct())})" : InsideAFile(target, sources);
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
        foreach (var group in units.GroupBy(u => u.Problem is null ? u.Target : "\0" + u.Video.Path, StringComparer.Ordinal).OrderBy(g => g.Min(u => u.Video.Path), StringComparer.Ordinal))
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

    /// <summary>True when the unit's video already is <paramref name="target"/>: the same path, or the
    /// same file by another path (a symlinked folder, a hardlink, another case of the name).</summary>
    private static bool IsAt(Unit unit, string target) => unit.Video.Path == target || SameFile(unit.Video.Path, target);

    // Skip and suffix: sources in path order; a taken target is left alone or numbered.
    private IEnumerable<PlanEntry> FirstComeFirstServed(Unit unit)
    {
        var target = unit.Target;
        if (unit.Video.Path != target && IsAt(unit, target) && !CaseOnly(unit.Video.Path, target))
        {
            return InPlace(unit, target);
        }
        var conflict = Taken(unit, target);
        for (int n = 2; conflict is not null && _policy == ConflictPolicy.Suffix && n < 100; n++)
        {
            target = Path.Combine(Path.GetDirectoryName(unit.Target)!, $"{Path.GetFileNameWithoutExtension(unit.Target)} ({n}){Path.GetExtension(unit.Target)}");
            conflict = Taken(unit, target);
        }
        return conflict is null ? Go(unit, target, null) : Stay(unit, conflict);
    }

    // Better and trash: the best claimant, if it beats what is already at the target, takes it.
    private IEnumerable<PlanEntry> KeepBetter(List<Unit> claimants)
    {
        var target = claimants[0].Target;
        foreach (var unit in claimants)
        {
            unit.Quality = CopyQuality.Of(unit.Video.Path, unit.Video.Size, unit.Video.Media);
        }
        var inPlace = claimants.FirstOrDefault(u => IsAt(u, target) && !CaseOnly(u.Video.Path, target));
        var ranked = claimants.Where(u => u != inPlace).OrderByDescending(u => u.Quality).ThenBy(u => u.Video.Path, StringComparer.Ordinal).ToList();
        var entries = new List<PlanEntry>();
        if (inPlace is not null)
        {
            entries.AddRange(InPlace(inPlace, target));
        }
        if (ranked.Count == 0)
        {
            return entries;
        }

        var best = ranked[0];
        Unit? winner = best;
        string occupantName = "";
        CopyQuality? occupantQuality = null;
        bool occupied = inPlace is not null || ((File.Exists(target) || Directory.Exists(target)) && !ranked.Any(u => SameFile(u.Video.Path, target)));
        if (occupied)
        {
            occupantName = target;
            occupantQuality = inPlace?.Quality ?? OccupantQuality(target);
            if (occupantQuality is null || _claimed.ContainsKey(target) || best.Quality!.CompareTo(occupantQuality) <= 0)
            {
                winner = null; // what is there stays: it is as good, or not a video we can judge
            }
            else
            {
                // The worse copy at the target makes room: it and its sidecars go to the trash first.
                var note = $"to the trash: {best.Video.Path} is better ({best.Quality} against {occupantQuality})";
                if (inPlace is not null)
                {
                    entries.Clear();
                    entries.AddRange(inPlace.Files(target).Select(f => new PlanEntry(f.Record.Path, TrashPath(f.Record.Path), f.Record.Size, f.Record == inPlace.Video ? null : inPlace.Video.Path, null, note, ToTrash: true, MakesRoomFor: best.Video.Path)));
                }
                else
                {
                    entries.AddRange(OccupantFiles(target).Select(f => new PlanEntry(f, TrashPath(f), new FileInfo(f).Length, f == target ? null : target, null, note, ToTrash: true, MakesRoomFor: best.Video.Path)));
                }
                foreach (var e in entries)
                {
                    _claimed[e.Target] = e.Source;
                    _freed.Add(e.Source);
                }
            }
        }
        if (winner is not null && Taken(winner, target) is { } sidecarConflict)
        {
            // Only a sidecar's target can still be taken here (by a file the occupant's sweep left).
            entries.AddRange(Stay(winner, sidecarConflict));
            winner = null;
        }
        if (winner is not null)
        {
            entries.AddRange(Go(winner, target, occupantQuality is null ? null : "replaces a worse copy, which goes to the trash"));
        }
        foreach (var loser in ranked.Where(u => u != winner))
        {
            var (betterName, betterQuality) = winner is not null ? (winner.Video.Path, winner.Quality) : occupantQuality is not null ? (occupantName, occupantQuality) : (best.Video.Path, best.Quality);
            if (loser == best && winner is null && occupantQuality is null)
            {
                // Nothing to judge it against (the target is a folder, or another file of this plan's): it stays.
                entries.AddRange(Stay(loser, "target exists"));
                continue;
            }
            var why = $"{betterName} is {(loser == best ? "as good or better" : "better")} ({betterQuality} against {loser.Quality})";
            // Worse sources go to the trash only when organizing moves them; a copy or link leaves sources be.
            if (_policy == ConflictPolicy.Trash && _mode == OrganizeMode.Move)
            {
                var moves = loser.Files("").Select(f => new PlanEntry(f.Record.Path, TrashPath(f.Record.Path), f.Record.Size, f.Record == loser.Video ? null : loser.Video.Path, null, "to the trash: " + why, ToTrash: true, MakesRoomFor: winner?.Video.Path)).ToList();
                var taken = moves.FirstOrDefault(m => _claimed.ContainsKey(m.Target) || File.Exists(m.Target));
                entries.AddRange(taken is null ? moves : Stay(loser, $"its place in the trash is taken: {taken.Target}"));
                moves.ForEach(m => _claimed.TryAdd(m.Target, m.Source));
            }
            else
            {
                entries.AddRange(Stay(loser, "kept where it is: " + why));
            }
        }
        return entries;
    }

    private CopyQuality? OccupantQuality(string target)
    {
        if (!File.Exists(target))
        {
            return null;
        }
        var size = new FileInfo(target).Length;
        var media = _catalog.Find(CatalogKey.LocalSource, target) is { Gone: false, Media: { } known } record && record.Size == size ? known : _probe?.Invoke(target);
        return CopyQuality.Of(target, size, media is { ProbeError.Length: 0 } ? media : null);
    }

    // The file at a target and its subtitles/.nfo beside it (they would describe the wrong video once
    // it goes): those whose longest matching video stem is the occupant's, and that no other entry of
    // the plan moves ("Film.Part2.en.srt" stays with "Film.Part2.mkv").
    private IEnumerable<string> OccupantFiles(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        var files = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).ToList();
        var videoStems = files.Where(f => VideoExtensions.Contains(Path.GetExtension(f))).Select(f => Path.GetFileNameWithoutExtension(f) + ".").ToList();
        var stem = Path.GetFileNameWithoutExtension(target) + ".";
        var swept = new List<string> { target };
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (file == target || !name.StartsWith(stem, StringComparison.OrdinalIgnoreCase) || !SidecarExtensions.Contains(Path.GetExtension(name))
                || _planned.Contains(file) || _claimed.Values.Contains(file, StringComparer.Ordinal))
            {
                continue;
            }
            if (videoStems.Where(v => name.StartsWith(v, StringComparison.OrdinalIgnoreCase)).MaxBy(v => v.Length) is { } longest && longest.Length > stem.Length)
            {
                continue; // another video's
            }
            swept.Add(file);
        }
        return swept;
    }

    private string TrashPath(string source) => Path.Combine(_trashBatch, source.TrimStart('/'));

    private IEnumerable<PlanEntry> Go(Unit unit, string target, string? note)
    {
        foreach (var (record, to) in unit.Files(target))
        {
            _claimed[to] = record.Path;
            var why = note ?? (record.Path != to && string.Equals(record.Path, to, StringComparison.OrdinalIgnoreCase) ? "case-only rename (made through a temporary name)" : null);
            yield return new PlanEntry(record.Path, to, record.Size, record == unit.Video ? null : unit.Video.Path, null, why);
        }
    }

    private static IEnumerable<PlanEntry> Stay(Unit unit, string conflict) =>
        unit.Files(unit.Target).Select(f => new PlanEntry(f.Record.Path, f.Target, f.Record.Size, f.Record == unit.Video ? null : unit.Video.Path,
            f.Record == unit.Video ? conflict : "follows its video: " + conflict));

    /// <summary>Why the unit cannot go to <paramref name="videoTarget"/>, or null.</summary>
    private string? Taken(Unit unit, string videoTarget)
    {
        foreach (var (record, target) in unit.Files(videoTarget))
        {
            if (record.Path == target || SameFile(record.Path, target))
            {
                continue; // already there, or there by another name of the same file (case, symlinked folder, hardlink)
            }
            if (_claimed.TryGetValue(target, out var other))
            {
                return $"two sources to one target (also {other})";
            }
            if ((File.Exists(target) || Directory.Exists(target)) && !_freed.Contains(target))
            {
                return record == unit.Video ? "target exists" : $"target exists (for {Path.GetFileName(record.Path)})";
            }
        }
        return null;
    }

    /// <summary>True when both paths name one file (following links): another case of the name on a
    /// case-insensitive file system, a symlinked folder, a hardlink.</summary>
    private static bool SameFile(string a, string b)
    {
        if (a == b)
        {
            return true;
        }
        if (!File.Exists(b))
        {
            return false; // the usual case (nothing at the target yet), without a failed stat
        }
        try
        {
            return UnixFiles.Stat(a, followSymlinks: true).SameInode(UnixFiles.Stat(b, followSymlinks: true));
        }
        catch (StatException)
        {
            return false;
        }
    }

    private static bool CaseOnly(string source, string target) =>
        source != target && string.Equals(source, target, StringComparison.OrdinalIgnoreCase);

    // A unit with nothing to do: its files are shown as in place.
    private static IEnumerable<PlanEntry> InPlace(Unit unit, string target) =>
        unit.Files(target).Select(f => new PlanEntry(f.Record.Path, f.Record.Path, f.Record.Size, f.Record == unit.Video ? null : unit.Video.Path, null,
            f.Record.Path == f.Target ? null : $"already there: {f.Target} is this same file"));

    /// <summary>"target inside source": a folder the target needs is a file, possibly one being organized.</summary>
    private string? InsideAFile(string target, HashSet<string> sources)
    {
        for (var folder = Path.GetDirectoryName(target); !string.IsNullOrEmpty(folder) && folder != "/"; folder = Path.GetDirectoryName(folder))
        {
            if (sources.Contains(folder))
            {
                return $"target inside source: {folder} is a file being organized, not a folder";
            }
            if (File.Exists(folder))
            {
                return $"target inside a file: {folder} is a file, not a folder";
            }
            if (folder.Length <= _destination.Length && Directory.Exists(folder))
            {
                break; // the rest of the way up exists and holds folders
            }
        }
        return null;
    }

    // Renames within a file system need no room; copies (and moves to another file system) need it
    // on the target's; a hardlink cannot leave its file system at all.
    private List<PlanEntry> CheckSpace(List<PlanEntry> plan)
    {
        var devices = new Dictionary<string, ulong?>(StringComparer.Ordinal);
        ulong? DeviceOfFolder(string path)
        {
            var folder = Path.GetDirectoryName(path)!;
            if (!devices.TryGetValue(folder, out var device))
            {
                devices[folder] = device = DeviceOf(folder);
            }
            return device;
        }
        if (_mode == OrganizeMode.Hardlink)
        {
            return plan.Select(e => e.Acts && !e.ToTrash && DeviceOfFolder(e.Source) != DeviceOfFolder(e.Target)
                ? e with { Conflict = "a hardlink cannot cross file systems" }
                : e).ToList();
        }
        if (_mode == OrganizeMode.Symlink)
        {
            return plan;
        }
        bool Copies(PlanEntry e) => e.Acts && ((_mode == OrganizeMode.Copy && !e.ToTrash) || DeviceOfFolder(e.Source) != DeviceOfFolder(e.Target));
        var needs = plan.Where(Copies)
            .GroupBy(e => DeviceOfFolder(e.Target))
            .Select(g => (Device: g.Key, Bytes: g.Sum(e => e.Size), Folder: NearestFolder(g.First().Target)))
            .Where(n => n.Bytes > FreeBytes(n.Folder))
            .ToList();
        if (needs.Count == 0)
        {
            return plan;
        }
        return plan.Select(e =>
        {
            if (!Copies(e) || needs.FirstOrDefault(n => n.Device == DeviceOfFolder(e.Target)) is not { Folder: not null } need)
            {
                return e;
            }
            return e with { Conflict = $"not enough free space at {need.Folder}: {need.Bytes} bytes to copy, {FreeBytes(need.Folder)} free" };
        }).ToList();
    }

    private static ulong? DeviceOf(string path)
    {
        // The folder may not exist yet: its nearest existing parent decides.
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            try
            {
                return UnixFiles.Stat(p, followSymlinks: true).Device;
            }
            catch (StatException)
            {
            }
        }
        return null;
    }

    private static string NearestFolder(string path)
    {
        for (var p = Path.GetDirectoryName(path); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p))
            {
                return p;
            }
        }
        return "/";
    }

    private static long FreeBytes(string folder) => new DriveInfo(folder).AvailableFreeSpace;
}
