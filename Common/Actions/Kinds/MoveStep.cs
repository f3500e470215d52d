using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Actions.Kinds;

/// <summary>Moves a file without ever losing or replacing it: one rename within a file system
/// (renameat2 RENAME_NOREPLACE); across file systems a copy to a temporary name, flushed, verified
/// by full hash, renamed into place, then the source removed; a case-only rename through a
/// temporary name. Each resumable from its journaled state; undo is the same move back.</summary>
public sealed class MoveStep : IStepKind
{
    /// <inheritdoc/>
    public string Name => "move";

    /// <inheritdoc/>
    public bool Forward(StepRun run, PlanStep step) => Move(run, step, step.Source, step.Target, forward: true);

    /// <inheritdoc/>
    public bool Backward(StepRun run, PlanStep step)
    {
        var from = step.Target;
        var to = step.Source;
        switch (step.State)
        {
            case StepState.Done:
                run.Set(step, StepState.UndoPending);
                return Move(run, step, from, to, forward: false);
            case StepState.UndoPending when !File.Exists(from) && File.Exists(to):
                run.Finish(step, from, to, forward: false); // moved back, but the journal had not said so
                return true;
            case StepState.UndoPending or StepState.UndoMoving or StepState.UndoCase or StepState.UndoCopying or StepState.UndoCopied:
                return Move(run, step, from, to, forward: false);
            default:
                return false;
        }
    }

    /// <returns>True when the file is now at <paramref name="to"/>.</returns>
    internal static bool Move(StepRun run, PlanStep step, string from, string to, bool forward) =>
        run.Guarded(step, from, FileOps.PartialOf(step, to), forward, () => MoveUnguarded(run, step, from, to, forward));

    private static bool MoveUnguarded(StepRun run, PlanStep step, string from, string to, bool forward)
    {
        if (from != to && string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return MoveCaseOnly(run, step, from, to, forward);
        }
        var temp = FileOps.PartialOf(step, to);
        var state = step.State;
        bool wasCopying = state is StepState.Copying or StepState.UndoCopying or StepState.Copied or StepState.UndoCopied;
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
                run.Finish(step, from, to, forward);
                return true;
            }
        }
        if (File.Exists(from) && File.Exists(to) && FileOps.SameInode(from, to))
        {
            // Two names of one file: a link-then-unlink move (no RENAME_NOREPLACE here) cut in between.
            File.Delete(from);
            run.Finish(step, from, to, forward);
            return true;
        }
        if (wasCopying && File.Exists(from) && File.Exists(to))
        {
            // Crashed after the copy was renamed into place: remove the source only if the bytes agree.
            return RemoveSourceAfterCopy(run, step, from, to, forward);
        }
        if (!File.Exists(from))
        {
            // Moved already: the journal says so, or lagged behind the disk (the file at the target is
            // the one the plan recorded: same size and mtime, which a copy keeps too).
            if (File.Exists(to) && (state is StepState.Moving or StepState.Copied or StepState.UndoMoving or StepState.UndoCopied
                || (forward && FileOps.IsRecordedFile(step, to))))
            {
                run.Finish(step, from, to, forward);
                return true;
            }
            run.Set(step, StepState.Skipped.Way(forward), "source is gone");
            return false;
        }
        run.Set(step, StepState.Moving.Way(forward));
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        try
        {
            UnixFiles.RenameNoReplace(from, to);
            run.Finish(step, from, to, forward);
            return true;
        }
        catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
        {
            run.Set(step, StepState.Skipped.Way(forward), "target exists");
            return false;
        }
        catch (StatException e) when (e.Errno == UnixFiles.EXDEV)
        {
            return CopyAcross(run, step, from, to, forward);
        }
    }

    // "show.mkv" → "Show.mkv": on a case-insensitive file system (SMB, exFAT) the target "exists" (it
    // is the source), so the file goes through a hidden temporary name in the same folder. The "case"
    // state tells a recovery to look for it there.
    private static bool MoveCaseOnly(StepRun run, PlanStep step, string from, string to, bool forward)
    {
        var temp = FileOps.PartialOf(step, to, ".mlm-case");
        // Whatever the journal says (it may lag behind the disk), a file at the temporary name and none
        // at the old one is midway.
        bool midway = File.Exists(temp) && !File.Exists(from);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (!midway)
        {
            if (!File.Exists(from))
            {
                if (step.State == StepState.Case.Way(forward) && File.Exists(to))
                {
                    run.Finish(step, from, to, forward);
                    return true;
                }
                run.Set(step, StepState.Skipped.Way(forward), "source is gone");
                return false;
            }
            run.Set(step, StepState.Case.Way(forward));
            try
            {
                UnixFiles.RenameNoReplace(from, temp);
            }
            catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
            {
                run.Set(step, StepState.Skipped.Way(forward), $"{temp} exists");
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
            run.Set(step, StepState.Skipped.Way(forward), "target exists");
            return false;
        }
        run.Finish(step, from, to, forward);
        return true;
    }

    private static bool CopyAcross(StepRun run, PlanStep step, string from, string to, bool forward)
    {
        var temp = FileOps.PartialOf(step, to);
        var stat = UnixFiles.Stat(from, followSymlinks: false);
        run.Set(step, StepState.Copying.Way(forward));
        run.CopyToNew(step, from, temp, StepState.Pending.Way(forward));
        FileOps.KeepTimesAndMode(from, temp, stat);
        if (!FileOps.SameBytes(from, temp))
        {
            File.Delete(temp);
            run.Set(step, StepState.Skipped.Way(forward), "the copy did not verify");
            return false;
        }
        try
        {
            UnixFiles.RenameNoReplace(temp, to);
        }
        catch (StatException e) when (e.Errno == UnixFiles.EEXIST)
        {
            File.Delete(temp);
            run.Set(step, StepState.Skipped.Way(forward), "target exists");
            return false;
        }
        // The copy's name must be on disk before the source goes: a power cut must not keep only the removal.
        UnixFiles.SyncDirectory(Path.GetDirectoryName(to)!);
        run.Set(step, StepState.Copied.Way(forward));
        // Just verified: the copy's bytes are the source's (a recovery verifies again before removing).
        File.Delete(from);
        run.Finish(step, from, to, forward);
        return true;
    }

    private static bool RemoveSourceAfterCopy(StepRun run, PlanStep step, string from, string to, bool forward)
    {
        // Only a source whose bytes equal the target's is removed.
        if (!FileOps.SameBytes(from, to))
        {
            run.Set(step, StepState.Skipped.Way(forward), "source and copy differ; both kept");
            return false;
        }
        File.Delete(from);
        run.Finish(step, from, to, forward);
        return true;
    }
}
