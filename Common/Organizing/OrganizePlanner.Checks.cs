using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Organizing;

/// <summary>What stands in a move's way: a taken target, the same file under another name, a folder that is a file, too little free space.</summary>
public sealed partial class OrganizePlanner
{
    /// <summary>True when the unit's video already is <paramref name="target"/>: the same path, or the
    /// same file by another path (a symlinked folder, a hardlink, another case of the name).</summary>
    private static bool IsAt(Unit unit, string target) => unit.Video.Path == target || SameFile(unit.Video.Path, target);

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
