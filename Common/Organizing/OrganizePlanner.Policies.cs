using MediaLibrary.Common.Quality;
using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Organizing;

/// <summary>The conflict policies: first come first served (skip, suffix), and the better copy takes the target (better, trash), with what gives way
/// going to the trash.</summary>
public sealed partial class OrganizePlanner
{
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
            target = Path.Combine(Path.GetDirectoryName(unit.Target)!,
                $"{Path.GetFileNameWithoutExtension(unit.Target)} ({n}){Path.GetExtension(unit.Target)}");
            conflict = Taken(unit, target);
        }
        return conflict is null ? Go(unit, target, null) : Stay(unit, conflict);
    }

    // Better and trash: the best claimant, if it beats what is already at the target, takes it.
    private List<PlanEntry> KeepBetter(List<Unit> claimants)
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
                    entries.AddRange(inPlace.Files(target).Select(f => new PlanEntry(f.Record.Path, TrashPath(f.Record.Path), f.Record.Size,
                        f.Record == inPlace.Video ? null : inPlace.Video.Path, null, note, ToTrash: true, MakesRoomFor: best.Video.Path)));
                }
                else
                {
                    entries.AddRange(OccupantFiles(target).Select(f => new PlanEntry(f, TrashPath(f), new FileInfo(f).Length, f == target ? null : target,
                        null, note, ToTrash: true, MakesRoomFor: best.Video.Path)));
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
            var (betterName, betterQuality) = winner is not null ? (winner.Video.Path, winner.Quality) : occupantQuality is not null ? (occupantName,
                occupantQuality) : (best.Video.Path, best.Quality);
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
                var moves = loser.Files("").Select(f => new PlanEntry(f.Record.Path, TrashPath(f.Record.Path), f.Record.Size,
                    f.Record == loser.Video ? null : loser.Video.Path, null, "to the trash: " + why, ToTrash: true, MakesRoomFor: winner?.Video.Path)).ToList();
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
        var media = _catalog.Find(CatalogKey.LocalSource, target) is { Gone: false, Media: { } known } record
            && record.Size == size ? known : _probe?.Invoke(target);
        return CopyQuality.Of(target, size, media is { ProbeError.Length: 0 } ? media : null);
    }

    // The file at a target and its subtitles/.nfo beside it (they would describe the wrong video once
    // it goes): those whose longest matching video stem is the occupant's, and that no other entry of
    // the plan moves ("Film.Part2.en.srt" stays with "Film.Part2.mkv").
    private List<string> OccupantFiles(string target)
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
            if (videoStems.Where(v => name.StartsWith(v, StringComparison.OrdinalIgnoreCase)).MaxBy(v => v.Length) is { } longest
                && longest.Length > stem.Length)
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
            var why = note ?? (record.Path != to && string.Equals(record.Path, to,
                StringComparison.OrdinalIgnoreCase) ? "case-only rename (made through a temporary name)" : null);
            yield return new PlanEntry(record.Path, to, record.Size, record == unit.Video ? null : unit.Video.Path, null, why);
        }
    }

    private static IEnumerable<PlanEntry> Stay(Unit unit, string conflict) =>
        unit.Files(unit.Target).Select(f => new PlanEntry(f.Record.Path, f.Target, f.Record.Size, f.Record == unit.Video ? null : unit.Video.Path,
            f.Record == unit.Video ? conflict : "follows its video: " + conflict));

    // A unit with nothing to do: its files are shown as in place.
    private static IEnumerable<PlanEntry> InPlace(Unit unit, string target) =>
        unit.Files(target).Select(f => new PlanEntry(f.Record.Path, f.Record.Path, f.Record.Size, f.Record == unit.Video ? null : unit.Video.Path, null,
            f.Record.Path == f.Target ? null : $"already there: {f.Target} is this same file"));
}
