using LiteDB;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Organizing;

/// <summary>
/// Applies organize plans so that no file is ever lost or overwritten, whatever happens:
/// every step is written to a journal (in the catalog) before it acts; a move within a file system
/// is one atomic rename that refuses to replace (renameat2 RENAME_NOREPLACE); across file systems
/// the file is copied to a temporary name, flushed to disk, verified by full hash, renamed into
/// place (again never replacing), and only then is the source removed. After a crash,
/// <see cref="Recover"/> finishes what the journal says was under way; <see cref="Undo"/> moves an
/// applied plan's files back the same safe way.
/// </summary>
public sealed class PlanExecutor(CatalogStore catalog, Action? afterJournalWrite = null)
{
    private const string PartialSuffix = ".mlm-partial";
    private readonly ILiteCollection<BsonDocument> _plans = catalog.Collection("organize_plans");
    private readonly ILiteCollection<BsonDocument> _steps = catalog.Collection("organize_steps");

    /// <summary>Journals and applies the plan; returns the plan id (for undo). Move (the default)
    /// relocates files; copy, hardlink and symlink leave the sources where they are.</summary>
    public string Apply(IEnumerable<PlanEntry> plan, OrganizeMode mode = OrganizeMode.Move)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var moves = plan.Where(e => e.Conflict is null && !e.InPlace).ToList();
        _plans.Insert(new BsonDocument { ["_id"] = id, ["status"] = "applying", ["mode"] = mode.ToString(), ["at"] = DateTime.UtcNow.ToString("O") });
        int seq = 0;
        _steps.InsertBulk(moves.Select(m => new BsonDocument
        {
            ["_id"] = $"{id}:{seq:000000}", ["plan"] = id, ["seq"] = seq++, ["source"] = m.Source, ["target"] = m.Target, ["state"] = "pending",
        }));
        Journaled();
        foreach (var step in Steps(id))
        {
            if (mode == OrganizeMode.Move)
            {
                Move(step, step["source"].AsString, step["target"].AsString, forward: true);
            }
            else
            {
                Place(step, mode);
            }
        }
        SetPlan(id, "applied");
        return id;
    }

    private static OrganizeMode ModeOf(BsonDocument plan) =>
        plan.TryGetValue("mode", out var m) && Enum.TryParse<OrganizeMode>(m.AsString, out var mode) ? mode : OrganizeMode.Move;

    /// <summary>Copy, hardlink or symlink: the source stays; the target is made without replacing anything.</summary>
    private void Place(BsonDocument step, OrganizeMode mode)
    {
        var source = step["source"].AsString;
        var target = step["target"].AsString;
        var temp = target + PartialSuffix;
        if (step["state"].AsString == "placing")
        {
            // Recovering: our own partial copy goes; a finished target is kept as done.
            if (mode == OrganizeMode.Copy && File.Exists(temp))
            {
                File.Delete(temp);
            }
            if (IsOurs(source, target, mode))
            {
                SetState(step, "done");
                return;
            }
        }
        if (!File.Exists(source))
        {
            SetState(step, "skipped: source is gone");
            return;
        }
        SetState(step, "placing");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            switch (mode)
            {
                case OrganizeMode.Hardlink:
                    UnixFiles.HardLink(source, target);
                    break;
                case OrganizeMode.Symlink:
                    File.CreateSymbolicLink(target, source); // symlink(2) refuses an existing name
                    break;
                default:
                    using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
                    using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                    {
                        from.CopyTo(copy, 1 << 20);
                        copy.Flush(flushToDisk: true);
                    }
                    if (!SameBytes(source, temp))
                    {
                        File.Delete(temp);
                        SetState(step, "skipped: the copy did not verify");
                        return;
                    }
                    UnixFiles.RenameNoReplace(temp, target);
                    break;
            }
            SetState(step, "done");
        }
        catch (Exception e) when (e is StatException { Errno: UnixFiles.EEXIST } || (e is IOException && File.Exists(target) && !IsOurs(source, target, mode)))
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
            SetState(step, "skipped: target exists");
        }
        catch (StatException e)
        {
            // EXDEV for a hardlink to another file system, EACCES...: this file stays where it is,
            // and the plan goes on (a recovery must not fail on it again and again).
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
            SetState(step, "skipped: " + (e.Errno == UnixFiles.EXDEV ? "a hardlink cannot cross file systems" : e.Reason));
        }
    }

    /// <summary>True when <paramref name="target"/> is still what this plan made of <paramref name="source"/>.</summary>
    private static bool IsOurs(string source, string target, OrganizeMode mode)
    {
        try
        {
            return mode switch
            {
                OrganizeMode.Hardlink => File.Exists(source) && UnixFiles.Stat(target).SameInode(UnixFiles.Stat(source)),
                OrganizeMode.Symlink => new FileInfo(target).LinkTarget == source,
                _ => File.Exists(target) && File.Exists(source) && SameBytes(source, target),
            };
        }
        catch (StatException)
        {
            return false;
        }
    }

    private static bool SameBytes(string a, string b)
    {
        var hasher = new FileHasher(new HashParameters());
        return hasher.FullHash(a, UnixFiles.Stat(a, followSymlinks: true)) == hasher.FullHash(b, UnixFiles.Stat(b, followSymlinks: true));
    }

    /// <summary>Undo of copy/hardlink/symlink: removes the target only while it is still ours (a
    /// copy someone edited since, or the last copy of a vanished source, is kept).</summary>
    private bool Unplace(BsonDocument step, OrganizeMode mode)
    {
        var source = step["source"].AsString;
        var target = step["target"].AsString;
        if (!IsOurs(source, target, mode))
        {
            SetState(step, "undo-skipped: the target changed or its source is gone; kept");
            return false;
        }
        File.Delete(target);
        SetState(step, "undone");
        return true;
    }

    /// <summary>Moves every file of an applied plan back to where it was.</summary>
    /// <exception cref="ArgumentException">No such plan.</exception>
    public int Undo(string planId)
    {
        var plan = _plans.FindById(planId) ?? throw new ArgumentException($"no organize plan '{planId}'");
        var mode = ModeOf(plan);
        SetPlan(planId, "undoing");
        int undone = 0;
        foreach (var step in Steps(planId).Where(s => s["state"].AsString is "done").Reverse())
        {
            if (mode != OrganizeMode.Move)
            {
                undone += Unplace(step, mode) ? 1 : 0;
                continue;
            }
            step["state"] = "undo-pending";
            Save(step);
            if (Move(step, step["target"].AsString, step["source"].AsString, forward: false))
            {
                undone++;
            }
        }
        SetPlan(planId, "undone");
        return undone;
    }

    /// <summary>Finishes plans a crash interrupted (applying or undoing), step by step from the journal.</summary>
    public int Recover()
    {
        int recovered = 0;
        foreach (var plan in _plans.Find(Query.In("status", "applying", "undoing")).ToList())
        {
            var id = plan["_id"].AsString;
            bool undoing = plan["status"].AsString == "undoing";
            var mode = ModeOf(plan);
            if (mode != OrganizeMode.Move)
            {
                foreach (var step in Steps(id).Where(s => s["state"].AsString is "pending" or "placing" && !undoing))
                {
                    Place(step, mode);
                    recovered++;
                }
                foreach (var step in Steps(id).Where(s => s["state"].AsString == "done" && undoing).Reverse())
                {
                    recovered += Unplace(step, mode) ? 1 : 0;
                }
                SetPlan(id, undoing ? "undone" : "applied");
                continue;
            }
            foreach (var step in Steps(id))
            {
                var state = step["state"].AsString;
                bool forward = !state.StartsWith("undo", StringComparison.Ordinal);
                if (state is "done" or "undone" || state.StartsWith("skipped", StringComparison.Ordinal) || (undoing && state == "pending"))
                {
                    continue;
                }
                var from = forward ? step["source"].AsString : step["target"].AsString;
                var to = forward ? step["target"].AsString : step["source"].AsString;
                if (!forward && state == "undo-pending" && !File.Exists(from) && File.Exists(to))
                {
                    Finish(step, from, to, forward);
                    recovered++;
                    continue;
                }
                Move(step, from, to, forward);
                recovered++;
            }
            SetPlan(id, undoing ? "undone" : "applied");
        }
        return recovered;
    }

    /// <summary>The journal's plans, newest last.</summary>
    public IReadOnlyList<(string Id, string Status, string At)> Plans() =>
        _plans.FindAll().Select(p => (p["_id"].AsString, p["status"].AsString, p["at"].AsString)).OrderBy(p => p.Item3, StringComparer.Ordinal).ToList();

    /// <returns>True when the file is now at <paramref name="to"/>.</returns>
    private bool Move(BsonDocument step, string from, string to, bool forward)
    {
        var prefix = forward ? "" : "undo-";
        var temp = to + PartialSuffix;
        var state = step["state"].AsString;
        bool wasCopying = state is "copying" or "undo-copying" or "copied" or "undo-copied";
        if (wasCopying && File.Exists(temp))
        {
            File.Delete(temp); // our own unverified partial copy (we crashed while copying): the source is intact
        }
        if (wasCopying && File.Exists(from) && File.Exists(to))
        {
            // Crashed after the copy was renamed into place: remove the source only if the bytes agree.
            return RemoveSourceAfterCopy(step, from, to, forward);
        }
        if (!File.Exists(from))
        {
            if (File.Exists(to) && state is "moving" or "copied" or "undo-moving" or "undo-copied")
            {
                Finish(step, from, to, forward);
                return true;
            }
            SetState(step, prefix + "skipped: source is gone");
            return false;
        }
        SetState(step, prefix + "moving");
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        try
        {
            UnixFiles.RenameNoReplace(from, to);
            Finish(step, from, to, forward);
            return true;
        }
        catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
        {
            SetState(step, prefix + "skipped: target exists");
            return false;
        }
        catch (StatException e) when (e.Errno == UnixFiles.EXDEV)
        {
            return CopyAcross(step, from, to, forward);
        }
    }

    private bool CopyAcross(BsonDocument step, string from, string to, bool forward)
    {
        var prefix = forward ? "" : "undo-";
        var temp = to + PartialSuffix;
        var stat = UnixFiles.Stat(from, followSymlinks: false);
        SetState(step, prefix + "copying");
        using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            source.CopyTo(copy, 1 << 20);
            copy.Flush(flushToDisk: true);
        }
        var hasher = new FileHasher(new HashParameters());
        if (hasher.FullHash(from, stat) != hasher.FullHash(temp, UnixFiles.Stat(temp)))
        {
            File.Delete(temp);
            SetState(step, prefix + "skipped: the copy did not verify");
            return false;
        }
        try
        {
            UnixFiles.RenameNoReplace(temp, to);
        }
        catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
        {
            File.Delete(temp);
            SetState(step, prefix + "skipped: target exists");
            return false;
        }
        SetState(step, prefix + "copied");
        // Just verified: the copy's bytes are the source's (a recovery verifies again before removing).
        File.Delete(from);
        Finish(step, from, to, forward);
        return true;
    }

    private bool RemoveSourceAfterCopy(BsonDocument step, string from, string to, bool forward)
    {
        // Only a source whose bytes equal the target's is removed.
        var hasher = new FileHasher(new HashParameters());
        if (hasher.FullHash(from, UnixFiles.Stat(from)) != hasher.FullHash(to, UnixFiles.Stat(to)))
        {
            SetState(step, (forward ? "" : "undo-") + "skipped: source and copy differ; both kept");
            return false;
        }
        File.Delete(from);
        Finish(step, from, to, forward);
        return true;
    }

    private void Finish(BsonDocument step, string from, string to, bool forward)
    {
        catalog.Rename(CatalogKey.LocalSource, from, to);
        SetState(step, forward ? "done" : "undone");
    }

    private List<BsonDocument> Steps(string planId) =>
        _steps.Find(Query.EQ("plan", planId)).OrderBy(s => s["seq"].AsInt32).ToList();

    private void SetState(BsonDocument step, string state)
    {
        step["state"] = state;
        Save(step);
    }

    private void Save(BsonDocument step)
    {
        _steps.Update(step);
        Journaled();
    }

    private void SetPlan(string id, string status)
    {
        var plan = _plans.FindById(id);
        plan["status"] = status;
        _plans.Update(plan);
        Journaled();
    }

    private void Journaled() => afterJournalWrite?.Invoke();
}
