using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Organizing;

/// <summary>How a plan treats a target that is taken.</summary>
public enum ConflictPolicy
{
    /// <summary>Leave the source where it is (the default: nothing is ever overwritten).</summary>
    Skip,
    /// <summary>Use "Name (2).ext", "Name (3).ext"... for the later sources.</summary>
    Suffix,
}

/// <summary>
/// Builds the plan of `mlm organize` (a dry run: nothing moves): each catalog video under the given
/// roots gets a target from the template, its subtitles and .nfo of the same stem follow it, and
/// every conflict is named: target exists, two sources to one target, case-only renames, names the
/// template could not fill, and moves to another file system without room for them.
/// </summary>
public sealed class OrganizePlanner(CatalogStore catalog, NamingTemplate template, string destination, ConflictPolicy policy)
{
    /// <summary>The plan, in source path order.</summary>
    public List<PlanEntry> Plan(IReadOnlyList<string> roots)
    {
        var normalized = roots.Select(FileWalker.NormalizeRoot).ToList();
        bool Wanted(CatalogRecord r) => !r.Gone && r.Source == CatalogKey.LocalSource && (normalized.Count == 0 || normalized.Any(root => WalkOrder.IsUnder(r.Path, root)));
        var videos = catalog.ListFiles(FileKind.Video, CatalogKey.LocalSource, null, false, null, int.MaxValue).Where(Wanted).ToList();
        var sidecars = catalog.ListFiles(FileKind.Subtitle, CatalogKey.LocalSource, null, false, null, int.MaxValue)
            .Concat(catalog.ListFiles(FileKind.Xml, CatalogKey.LocalSource, null, false, null, int.MaxValue))
            .Where(Wanted)
            .GroupBy(r => Path.GetDirectoryName(r.Path)!)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var entries = new List<PlanEntry>();
        foreach (var video in videos)
        {
            var values = TemplateValues.From(ReleaseNameParser.Parse(video.Path), video.Ext, video.Media);
            var relative = template.Render(values, out var missing);
            string? problem = missing.Count > 0 ? $"the name could not be filled (no {string.Join(", ", missing.Distinct())})" : null;
            var target = Path.Combine(destination, relative);
            entries.Add(new PlanEntry(video.Path, target, video.Size, null, problem));
            var stem = Path.GetFileNameWithoutExtension(video.Path);
            foreach (var side in sidecars.GetValueOrDefault(Path.GetDirectoryName(video.Path)!, []))
            {
                var name = Path.GetFileName(side.Path);
                if (name.StartsWith(stem + ".", StringComparison.Ordinal))
                {
                    // "Film.en.srt" beside "Film.mkv" becomes "<target stem>.en.srt".
                    var suffix = name[stem.Length..];
                    entries.Add(new PlanEntry(side.Path, Path.ChangeExtension(target, null) + suffix, side.Size, video.Path, problem));
                }
            }
        }
        return Resolve(entries);
    }

    private List<PlanEntry> Resolve(List<PlanEntry> entries)
    {
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal); // target -> source
        var resolved = new List<PlanEntry>(entries.Count);
        foreach (var e in entries.OrderBy(e => e.Source, StringComparer.Ordinal))
        {
            if (e.Conflict is not null || e.InPlace)
            {
                resolved.Add(e);
                continue;
            }
            var target = e.Target;
            string? conflict = Taken(target, claimed, e.Source);
            if (conflict is not null && policy == ConflictPolicy.Suffix)
            {
                for (int n = 2; conflict is not null && n < 100; n++)
                {
                    target = Path.Combine(Path.GetDirectoryName(e.Target)!, $"{Path.GetFileNameWithoutExtension(e.Target)} ({n}){Path.GetExtension(e.Target)}");
                    conflict = Taken(target, claimed, e.Source);
                }
            }
            if (conflict is null && string.Equals(e.Source, target, StringComparison.OrdinalIgnoreCase))
            {
                conflict = "case-only rename: needs a rename through a temporary name on case-insensitive file systems";
            }
            if (conflict is null)
            {
                claimed[target] = e.Source;
            }
            resolved.Add(e with { Target = target, Conflict = conflict });
        }
        return CheckSpace(resolved);
    }

    private static string? Taken(string target, Dictionary<string, string> claimed, string source)
    {
        if (claimed.TryGetValue(target, out var other))
        {
            return $"two sources to one target (also {other})";
        }
        return File.Exists(target) || Directory.Exists(target) ? "target exists" : null;
    }

    // Moves within a file system are renames; moves to another need the room to copy first.
    private List<PlanEntry> CheckSpace(List<PlanEntry> plan)
    {
        var destinationDevice = DeviceOf(destination);
        long free = FreeBytes(destination);
        long needed = plan.Where(e => e.Conflict is null && !e.InPlace && DeviceOf(e.Source) != destinationDevice).Sum(e => e.Size);
        if (needed <= free)
        {
            return plan;
        }
        var reason = $"not enough free space at {destination}: {needed} bytes to copy, {free} free";
        return plan.Select(e => e.Conflict is null && !e.InPlace && DeviceOf(e.Source) != destinationDevice ? e with { Conflict = reason } : e).ToList();
    }

    private static ulong? DeviceOf(string path)
    {
        // The destination may not exist yet: its nearest existing parent decides.
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

    private static long FreeBytes(string path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p))
            {
                return new DriveInfo(p).AvailableFreeSpace;
            }
        }
        return 0;
    }
}
