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

    // A copy's temporary name: hidden, short (a 255-byte target name plus a suffix would not fit
    // NAME_MAX), and the same at every try of the step, so a recovery finds it.
    private static string PartialOf(BsonDocument step, string to, string suffix = PartialSuffix) =>
        Path.Combine(Path.GetDirectoryName(to)!, "." + step["_id"].AsString.Replace(':', '-') + suffix);
    private readonly ILiteCollection<BsonDocument> _plans = catalog.Collection("organize_plans");
    private readonly ILiteCollection<BsonDocument> _steps = ByPlan(catalog.Collection("organize_steps"));
    private CancellationToken _cancel; // of the apply under way: stops a long copy part way

    /// <summary>How many never-applied plans are kept (a dry run under cron saves one each time).</summary>
    public const int KeptPreviews = 10;

    /// <summary>Journals and applies the plan; returns the plan id (for undo). Move (the default)
    /// relocates files; copy, hardlink and symlink leave the sources where they are.</summary>
    public string Apply(IReadOnlyList<PlanEntry> plan, OrganizeMode mode = OrganizeMode.Move)
    {
        var id = Save(plan, mode);
        Apply(id);
        return id;
    }

    /// <summary>Stores a previewed plan (status "planned"), with the identity each source had, so a
    /// later <see cref="Apply(string, CancellationToken)"/> moves exactly what was shown and skips what changed since.
    /// Older previews beyond <see cref="KeptPreviews"/> are dropped. Returns the plan id.</summary>
    public string Save(IReadOnlyList<PlanEntry> plan, OrganizeMode mode, string description = "")
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        int seq = 0;
        _steps.InsertBulk(plan.Where(e => !e.InPlace).Select(e =>
        {
            var step = new BsonDocument
            {
                ["_id"] = $"{id}:{seq:000000}", ["plan"] = id, ["seq"] = seq++, ["source"] = e.Source, ["target"] = e.Target,
                ["size"] = e.Size, ["state"] = e.Conflict is null ? "pending" : "conflict: " + e.Conflict,
            };
            if (e.Note is not null)
            {
                step["note"] = e.Note;
            }
            if (e.SidecarOf is not null)
            {
                step["sidecar_of"] = e.SidecarOf;
            }
            if (e.ToTrash)
            {
                step["trash"] = true;
            }
            if (e.MakesRoomFor is not null)
            {
                step["room_for"] = e.MakesRoomFor;
            }
            if (e.Acts && TryStat(e.Source) is { } stat)
            {
                step["identity"] = $"{stat.Device}:{stat.Inode}:{stat.Size}:{stat.MtimeNs}";
            }
            return step;
        }));
        // The plan's document last: its insert is what makes the (already complete) plan exist.
        _plans.Insert(new BsonDocument
        {
            ["_id"] = id, ["status"] = "planned", ["mode"] = mode.ToString(), ["at"] = DateTime.UtcNow.ToString("O"),
            ["moves"] = plan.Count(e => e.Acts), ["conflicts"] = plan.Count(e => e.Conflict is not null), ["description"] = description,
        });
        foreach (var old in _plans.Find(Query.EQ("status", "planned")).OrderByDescending(p => p["at"].AsString, StringComparer.Ordinal).Skip(KeptPreviews).ToList())
        {
            _steps.DeleteMany(Query.EQ("plan", old["_id"].AsString));
            _plans.Delete(old["_id"]);
        }
        return id;
    }

    /// <summary>Applies a saved plan (a preview, or one stopped part way). A source that changed
    /// since the plan was made (other bytes, another file under its name) is skipped, as is a target
    /// someone took in the meantime. When <paramref name="cancellationToken"/> fires (Ctrl+C), the
    /// step under way is finished and the plan is left "stopped": not finished by a recovery, resumed
    /// by another apply, or undone.</summary>
    /// <returns>The plan's status: "applied" or "stopped".</returns>
    /// <exception cref="ArgumentException">No such plan, or it was applied already.</exception>
    public string Apply(string planId, CancellationToken cancellationToken = default)
    {
        var plan = _plans.FindById(planId) ?? throw new ArgumentException($"no organize plan '{planId}' (see 'mlm organize plans')");
        if (plan["status"].AsString is not ("planned" or "stopped"))
        {
            throw new ArgumentException($"plan '{planId}' is {plan["status"].AsString}, not a preview waiting to be applied");
        }
        var mode = ModeOf(plan);
        SetPlan(planId, "applying");
        _cancel = cancellationToken;
        try
        {
            Advance(planId, mode, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            SetPlan(planId, "stopped");
            return "stopped";
        }
        finally
        {
            _cancel = CancellationToken.None;
        }
        SetPlan(planId, "applied");
        return "applied";
    }

    /// <summary>The saved entries of a plan, in order, with each one's state ("pending", "done",
    /// "skipped: ...", "conflict: ...").</summary>
    /// <exception cref="ArgumentException">No such plan.</exception>
    public (string Status, OrganizeMode Mode, IReadOnlyList<(PlanEntry Entry, string State)> Steps) Load(string planId)
    {
        var plan = _plans.FindById(planId) ?? throw new ArgumentException($"no organize plan '{planId}' (see 'mlm organize plans')");
        var steps = Steps(planId).Select(s =>
        {
            var state = s["state"].AsString;
            var entry = new PlanEntry(s["source"].AsString, s["target"].AsString, s.TryGetValue("size", out var size) ? size.AsInt64 : 0,
                s.TryGetValue("sidecar_of", out var of) ? of.AsString : null,
                state.StartsWith("conflict: ", StringComparison.Ordinal) ? state["conflict: ".Length..] : null,
                s.TryGetValue("note", out var note) ? note.AsString : null,
                s.TryGetValue("trash", out var trash) && trash.AsBoolean,
                s.TryGetValue("room_for", out var room) ? room.AsString : null);
            return (entry, state);
        }).ToList();
        return (plan["status"].AsString, ModeOf(plan), steps);
    }

    /// <summary>Runs every step not yet finished, in order: pending ones from the start, ones a crash
    /// caught under way from their state. A sidecar moves only after its video did; when a better copy
    /// cannot come, the worse ones that made room for it go back.</summary>
    private int Advance(string planId, OrganizeMode mode, CancellationToken cancellationToken)
    {
        var steps = Steps(planId);
        var bySource = steps.GroupBy(s => s["source"].AsString).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        int ran = 0;
        foreach (var step in steps)
        {
            var state = step["state"].AsString;
            if (state is "done" || state.StartsWith("undo", StringComparison.Ordinal) || state.StartsWith("skipped", StringComparison.Ordinal) || state.StartsWith("conflict", StringComparison.Ordinal))
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            ran++;
            if (state == "pending")
            {
                if (Held(step, bySource) is { } why)
                {
                    SetState(step, "skipped: " + why);
                    continue;
                }
                Run(step, mode);
            }
            else if (Moves(step, mode))
            {
                Move(step, step["source"].AsString, step["target"].AsString, forward: true); // moving, copying or copied: finished from its state
            }
            else
            {
                Place(step, mode);
            }
            if (step["state"].AsString.StartsWith("skipped", StringComparison.Ordinal))
            {
                PutBack(steps, step["source"].AsString);
            }
        }
        return ran;
    }

    // A sidecar moves only after its video did; a worse copy gives way only to a better one that came.
    private static string? Held(BsonDocument step, Dictionary<string, BsonDocument> bySource)
    {
        if (step.TryGetValue("sidecar_of", out var video) && bySource.TryGetValue(video.AsString, out var videoStep) && videoStep["state"].AsString != "done")
        {
            return "its video did not move";
        }
        if (step.TryGetValue("room_for", out var winner) && bySource.TryGetValue(winner.AsString, out var winnerStep) && winnerStep["state"].AsString.StartsWith("skipped", StringComparison.Ordinal))
        {
            return "the better copy could not come, so this one stays";
        }
        return null;
    }

    // The better copy could not come (changed since the preview, no room, a failed copy): the worse
    // ones that went to the trash to make room for it go back, last first, so the library keeps its file.
    private void PutBack(List<BsonDocument> steps, string winner)
    {
        foreach (var made in steps.Where(s => s.TryGetValue("room_for", out var r) && r.AsString == winner && s["state"].AsString == "done").Reverse().ToList())
        {
            SetState(made, "undo-pending");
            if (Move(made, made["target"].AsString, made["source"].AsString, forward: false))
            {
                SetState(made, "undone: put back, as the better copy could not come");
            }
        }
    }

    // The first touch of a step: skipped when its source is no longer the file the plan was made from.
    private void Run(BsonDocument step, OrganizeMode mode)
    {
        if (step["state"].AsString == "pending" && step.TryGetValue("identity", out var identity)
            && TryStat(step["source"].AsString) is { } now && $"{now.Device}:{now.Inode}:{now.Size}:{now.MtimeNs}" != identity.AsString)
        {
            SetState(step, "skipped: the source changed since the plan was made");
            return;
        }
        if (Moves(step, mode))
        {
            Move(step, step["source"].AsString, step["target"].AsString, forward: true);
        }
        else
        {
            Place(step, mode);
        }
    }

    private static FileStat? TryStat(string path)
    {
        try
        {
            return UnixFiles.Stat(path);
        }
        catch (StatException)
        {
            return null;
        }
    }

    private static OrganizeMode ModeOf(BsonDocument plan) =>
        plan.TryGetValue("mode", out var m) && Enum.TryParse<OrganizeMode>(m.AsString, out var mode) ? mode : OrganizeMode.Move;

    /// <summary>Copy, hardlink or symlink: the source stays; the target is made without replacing anything.</summary>
    private void Place(BsonDocument step, OrganizeMode mode) =>
        Guarded(step, step["source"].AsString, PartialOf(step, step["target"].AsString), forward: true, () =>
        {
            PlaceUnguarded(step, mode);
            return true;
        });

    private void PlaceUnguarded(BsonDocument step, OrganizeMode mode)
    {
        var source = step["source"].AsString;
        var target = step["target"].AsString;
        var temp = PartialOf(step, target);
        if (step["state"].AsString == "placing")
        {
            // Recovering: our own partial copy goes (the source is still there); a finished target is kept as done.
            if (mode == OrganizeMode.Copy && File.Exists(temp) && File.Exists(source))
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
                    CopyToNew(step, source, temp, "pending");
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
    private bool Unplace(BsonDocument step, OrganizeMode mode) =>
        Guarded(step, step["source"].AsString, "", forward: false, () => UnplaceUnguarded(step, mode));

    private bool UnplaceUnguarded(BsonDocument step, OrganizeMode mode)
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

    /// <summary>Moves every file of an applied plan back to where it was (for copies and links:
    /// removes those still as made), last step first.</summary>
    /// <returns>How many files went back, and how many could not (kept where they are, each step
    /// saying why: a later undo tries those again).</returns>
    /// <exception cref="ArgumentException">No such plan, or it was never applied.</exception>
    public (int Undone, int Kept) Undo(string planId)
    {
        var plan = _plans.FindById(planId) ?? throw new ArgumentException($"no organize plan '{planId}' (see 'mlm organize plans')");
        var status = plan["status"].AsString;
        var kept = Steps(planId).Where(s => s["state"].AsString.StartsWith("undo-skipped", StringComparison.Ordinal)).ToList();
        if (status == "planned" || (status == "undone" && kept.Count == 0))
        {
            throw new ArgumentException($"plan '{planId}' is {status}: there is nothing to undo");
        }
        foreach (var step in kept)
        {
            SetState(step, "done"); // tried again: what stood in the way may have gone
        }
        // A stopped plan's steps that never ran stay as they are; the rest go back.
        SetPlan(planId, "undoing");
        int undone = UndoSteps(planId, ModeOf(plan));
        SetPlan(planId, "undone");
        return (undone, Steps(planId).Count(s => s["state"].AsString.StartsWith("undo-skipped", StringComparison.Ordinal)));
    }

    // Also the recovery of an undo that was killed: steps already back are "undone", one caught
    // mid-way is finished from its state, and the rest are undone as usual.
    private int UndoSteps(string planId, OrganizeMode mode)
    {
        int undone = 0;
        foreach (var step in Steps(planId).AsEnumerable().Reverse())
        {
            var state = step["state"].AsString;
            if (!Moves(step, mode))
            {
                undone += state == "done" && Unplace(step, mode) ? 1 : 0;
                continue;
            }
            var from = step["target"].AsString;
            var to = step["source"].AsString;
            if (state == "done")
            {
                SetState(step, "undo-pending");
                undone += Move(step, from, to, forward: false) ? 1 : 0;
            }
            else if (state == "undo-pending" && !File.Exists(from) && File.Exists(to))
            {
                Finish(step, from, to, forward: false); // moved back, but the journal had not said so
                undone++;
            }
            else if (state.StartsWith("undo-", StringComparison.Ordinal) && !state.StartsWith("undo-skipped", StringComparison.Ordinal))
            {
                undone += Move(step, from, to, forward: false) ? 1 : 0;
            }
        }
        return undone;
    }

    /// <summary>Finishes plans a crash interrupted (applying or undoing), step by step from the journal.</summary>
    public int Recover()
    {
        int recovered = 0;
        foreach (var plan in _plans.Find(Query.In("status", "applying", "undoing")).ToList())
        {
            var id = plan["_id"].AsString;
            var mode = ModeOf(plan);
            if (plan["status"].AsString == "undoing")
            {
                recovered += UndoSteps(id, mode);
                SetPlan(id, "undone");
                continue;
            }
            recovered += Advance(id, mode, CancellationToken.None);
            SetPlan(id, "applied");
        }
        return recovered;
    }

    // Copies that give way go to the trash by a move, whatever the plan's mode.
    private static bool Moves(BsonDocument step, OrganizeMode mode) =>
        mode == OrganizeMode.Move || (step.TryGetValue("trash", out var trash) && trash.AsBoolean);

    /// <summary>The journal's plans (previews, applied, undone), oldest first.</summary>
    public IReadOnlyList<PlanSummary> Plans() =>
        _plans.FindAll()
            .Select(p => new PlanSummary(p["_id"].AsString, p["status"].AsString, p["at"].AsString, ModeOf(p),
                p.TryGetValue("moves", out var m) ? m.AsInt32 : _steps.Count(Query.EQ("plan", p["_id"].AsString)),
                p.TryGetValue("conflicts", out var c) ? c.AsInt32 : 0,
                p.TryGetValue("description", out var d) ? d.AsString : ""))
            .OrderBy(p => p.At, StringComparer.Ordinal).ToList();

    /// <returns>True when the file is now at <paramref name="to"/>.</returns>
    private bool Move(BsonDocument step, string from, string to, bool forward) =>
        Guarded(step, from, PartialOf(step, to), forward, () => MoveUnguarded(step, from, to, forward));

    /// <summary>
    /// A step that fails (no space left, permission denied, a read-only or vanished folder) is
    /// skipped with its reason and the plan goes on: a failure must not stop the plan, nor make every
    /// later recovery fail on the same step again. Our own partial copy goes; the source is intact
    /// (it is removed only after a verified copy is in place).
    /// </summary>
    private bool Guarded(BsonDocument step, string source, string partial, bool forward, Func<bool> act)
    {
        try
        {
            return act();
        }
        // .NET reports EFBIG (a file over the target's size limit, as FAT32's 4 GiB) as an argument error.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StatException or ArgumentOutOfRangeException)
        {
            var state = step["state"].AsString;
            // Only while the source is there is a partial copy surely not the only one.
            if (state is "copying" or "undo-copying" or "placing" && File.Exists(partial) && File.Exists(source))
            {
                try
                {
                    File.Delete(partial);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                    // Left for the user: it is named *.mlm-partial, and the source is whole.
                }
            }
            var reason = e switch
            {
                StatException s => s.Reason,
                ArgumentOutOfRangeException => "the file is too large for the target's file system (EFBIG)",
                _ => e.Message,
            };
            SetState(step, (forward ? "" : "undo-") + "skipped: " + (state is "copied" or "undo-copied" ? "copied, but the source could not be removed (both kept): " : "") + reason);
            return false;
        }
    }

    private bool MoveUnguarded(BsonDocument step, string from, string to, bool forward)
    {
        if (from != to && string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return MoveCaseOnly(step, from, to, forward);
        }
        var prefix = forward ? "" : "undo-";
        var temp = PartialOf(step, to);
        var state = step["state"].AsString;
        bool wasCopying = state is "copying" or "undo-copying" or "copied" or "undo-copied";
        if (File.Exists(temp))
        {
            if (File.Exists(from))
            {
                File.Delete(temp); // our own partial copy from before a crash: the source is whole
            }
            else if (!File.Exists(to))
            {
                // A power cut kept the source's removal but lost the rename of its (flushed,
                // verified) copy: the copy is the file now, and goes where it was going.
                UnixFiles.RenameNoReplace(temp, to);
                UnixFiles.SyncDirectory(Path.GetDirectoryName(to)!);
                Finish(step, from, to, forward);
                return true;
            }
        }
        if (File.Exists(from) && File.Exists(to) && SameInodeBoth(from, to))
        {
            // Two names of one file: a link-then-unlink move (no RENAME_NOREPLACE here) cut in between.
            File.Delete(from);
            Finish(step, from, to, forward);
            return true;
        }
        if (wasCopying && File.Exists(from) && File.Exists(to))
        {
            // Crashed after the copy was renamed into place: remove the source only if the bytes agree.
            return RemoveSourceAfterCopy(step, from, to, forward);
        }
        if (!File.Exists(from))
        {
            // Moved already: the journal says so, or lagged behind the disk (the file at the target is
            // the one the plan recorded: same size and mtime, which a copy keeps too).
            if (File.Exists(to) && (state is "moving" or "copied" or "undo-moving" or "undo-copied" || (forward && IsRecordedFile(step, to))))
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

    // "show.mkv" → "Show.mkv": on a case-insensitive file system (SMB, exFAT) the target "exists" (it
    // is the source), so the file goes through a hidden temporary name in the same folder. The "case"
    // state tells a recovery to look for it there.
    private bool MoveCaseOnly(BsonDocument step, string from, string to, bool forward)
    {
        var prefix = forward ? "" : "undo-";
        var temp = PartialOf(step, to, ".mlm-case");
        // Whatever the journal says (it may lag behind the disk), a file at the temporary name and none
        // at the old one is midway.
        bool midway = File.Exists(temp) && !File.Exists(from);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (!midway)
        {
            if (!File.Exists(from))
            {
                if (step["state"].AsString == prefix + "case" && File.Exists(to))
                {
                    Finish(step, from, to, forward);
                    return true;
                }
                SetState(step, prefix + "skipped: source is gone");
                return false;
            }
            SetState(step, prefix + "case");
            try
            {
                UnixFiles.RenameNoReplace(from, temp);
            }
            catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
            {
                SetState(step, prefix + $"skipped: {temp} exists");
                return false;
            }
        }
        try
        {
            UnixFiles.RenameNoReplace(temp, to);
        }
        catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
        {
            // Another file took the name meanwhile (a case-sensitive file system): back it goes.
            UnixFiles.RenameNoReplace(temp, from);
            SetState(step, prefix + "skipped: target exists");
            return false;
        }
        Finish(step, from, to, forward);
        return true;
    }

    /// <summary>Copies to a new file (never an existing one) and flushes it to disk. Ctrl+C during a
    /// long copy stops it: the partial copy goes and the step is <paramref name="stateIfStopped"/> again.</summary>
    private void CopyToNew(BsonDocument step, string from, string to, string stateIfStopped)
    {
        var buffer = new byte[1 << 20];
        try
        {
            using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            using var copy = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            for (int n; (n = source.Read(buffer)) > 0;)
            {
                _cancel.ThrowIfCancellationRequested();
                copy.Write(buffer, 0, n);
            }
            copy.Flush(flushToDisk: true);
        }
        catch (OperationCanceledException)
        {
            File.Delete(to);
            SetState(step, stateIfStopped);
            throw;
        }
    }

    private static bool SameInodeBoth(string a, string b)
    {
        try
        {
            return UnixFiles.Stat(a).SameInode(UnixFiles.Stat(b));
        }
        catch (StatException)
        {
            return false;
        }
    }

    private static bool IsRecordedFile(BsonDocument step, string path) =>
        step.TryGetValue("identity", out var identity) && TryStat(path) is { } now
        && identity.AsString.Split(':') is [_, _, var size, var mtime] && size == now.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)
        && mtime == now.MtimeNs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private bool CopyAcross(BsonDocument step, string from, string to, bool forward)
    {
        var prefix = forward ? "" : "undo-";
        var temp = PartialOf(step, to);
        var stat = UnixFiles.Stat(from, followSymlinks: false);
        SetState(step, prefix + "copying");
        CopyToNew(step, from, temp, prefix + "pending");
        KeepTimesAndMode(from, temp, stat);
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
        // The copy's name must be on disk before the source goes: a power cut must not keep only the removal.
        UnixFiles.SyncDirectory(Path.GetDirectoryName(to)!);
        SetState(step, prefix + "copied");
        // Just verified: the copy's bytes are the source's (a recovery verifies again before removing).
        File.Delete(from);
        Finish(step, from, to, forward);
        return true;
    }

    // As mv does across file systems: the copy keeps the source's mtime and permissions (so a rescan
    // of the moved file finds its identity unchanged and reads nothing).
    private static void KeepTimesAndMode(string from, string copy, FileStat stat)
    {
        // Best effort: FAT and exFAT refuse modes (and some mounts times); the bytes are what matters.
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, File.GetUnixFileMode(from));
            }
            UnixFiles.SetModificationTime(copy, stat.MtimeNs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StatException)
        {
        }
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
        catalog.Rename(CatalogKey.LocalSource, from, to, TryStat(to));
        SetState(step, forward ? "done" : "undone");
    }

    // A plan's steps are read by plan id; without the index every read scans every saved plan.
    private static ILiteCollection<BsonDocument> ByPlan(ILiteCollection<BsonDocument> steps)
    {
        steps.EnsureIndex("plan");
        return steps;
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
