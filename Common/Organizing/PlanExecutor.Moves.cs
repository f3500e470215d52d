using LiteDB;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Organizing;

/// <summary>Moving one file without ever losing or replacing it: one rename within a file system; copy, fsync, verify, rename, then remove across file systems; a case-only rename through a temporary name; each resumable from its journaled state.</summary>
public sealed partial class PlanExecutor
{
    private const string PartialSuffix = ".mlm-partial";

    // A copy's temporary name: hidden, short (a 255-byte target name plus a suffix would not fit
    // NAME_MAX), and the same at every try of the step, so a recovery finds it.
    private static string PartialOf(BsonDocument step, string to, string suffix = PartialSuffix) =>
        Path.Combine(Path.GetDirectoryName(to)!, "." + step["_id"].AsString.Replace(':', '-') + suffix);

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
        if (!SameBytes(from, to))
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
        _catalog.Rename(CatalogKey.LocalSource, from, to, TryStat(to));
        SetState(step, forward ? "done" : "undone");
    }
}
