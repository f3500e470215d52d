using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Actions.Kinds;

/// <summary>Kinds that leave the source where it is and make something new at the target (a copy,
/// a hardlink, a symlink) without replacing anything; undone only while the target is still what
/// the step made.</summary>
public abstract class PlaceStep : IStepKind
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>Makes the target (which does not exist) from the source.</summary>
    /// <returns>False when the step was skipped (its state says why).</returns>
    protected abstract bool Make(StepRun run, PlanStep step, string source, string target, string temp);

    /// <summary>True when <paramref name="target"/> is still what this step made of <paramref name="source"/>.</summary>
    protected abstract bool IsOurs(string source, string target);

    /// <summary>Our own leftovers at the temporary name, from a crash, go before a new try.</summary>
    protected virtual void Tidy(string source, string temp)
    {
    }

    /// <inheritdoc/>
    public bool Forward(StepRun run, PlanStep step) =>
        run.Guarded(step, step.Source, FileOps.PartialOf(step, step.Target), forward: true, () => Place(run, step));

    private bool Place(StepRun run, PlanStep step)
    {
        var source = step.Source;
        var target = step.Target;
        var temp = FileOps.PartialOf(step, target);
        if (step.State == StepState.Placing)
        {
            // Recovering: our own partial copy goes (the source is still there); a finished target is kept as done.
            Tidy(source, temp);
            if (Ours(source, target))
            {
                run.Set(step, StepState.Done);
                return true;
            }
        }
        if (!File.Exists(source))
        {
            run.Set(step, StepState.Skipped, "source is gone");
            return false;
        }
        run.Set(step, StepState.Placing);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            if (!Make(run, step, source, target, temp))
            {
                return false;
            }
            run.Set(step, StepState.Done);
            return true;
        }
        catch (Exception e) when (e is StatException { Errno: UnixFiles.EEXIST } || (e is IOException && File.Exists(target) && !Ours(source, target)))
        {
            DeleteIfThere(temp);
            run.Set(step, StepState.Skipped, "target exists");
            return false;
        }
        catch (StatException e)
        {
            // EXDEV for a hardlink to another file system, EACCES...: this file stays where it is,
            // and the plan goes on (a recovery must not fail on it again and again).
            DeleteIfThere(temp);
            run.Set(step, StepState.Skipped, e.Errno == UnixFiles.EXDEV ? "a hardlink cannot cross file systems" : e.Reason);
            return false;
        }
    }

    /// <summary>Removes the target only while it is still ours (a copy someone edited since, or the
    /// last copy of a vanished source, is kept).</summary>
    public bool Backward(StepRun run, PlanStep step) =>
        step.State == StepState.Done && run.Guarded(step, step.Source, "", forward: false, () =>
        {
            if (!Ours(step.Source, step.Target))
            {
                run.Set(step, StepState.UndoSkipped, "the target changed or its source is gone; kept");
                return false;
            }
            File.Delete(step.Target);
            run.Set(step, StepState.Undone);
            return true;
        });

    private bool Ours(string source, string target)
    {
        try
        {
            return IsOurs(source, target);
        }
        catch (StatException)
        {
            return false;
        }
    }

    private static void DeleteIfThere(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

/// <summary>A verified copy at the target; the source stays.</summary>
public sealed class CopyStep : PlaceStep
{
    /// <inheritdoc/>
    public override string Name => "copy";

    /// <inheritdoc/>
    protected override bool Make(StepRun run, PlanStep step, string source, string target, string temp)
    {
        run.CopyToNew(step, source, temp, StepState.Pending);
        if (!FileOps.SameBytes(source, temp))
        {
            File.Delete(temp);
            run.Set(step, StepState.Skipped, "the copy did not verify");
            return false;
        }
        UnixFiles.RenameNoReplace(temp, target);
        return true;
    }

    /// <inheritdoc/>
    protected override bool IsOurs(string source, string target) =>
        File.Exists(target) && File.Exists(source) && FileOps.SameBytes(source, target);

    /// <inheritdoc/>
    protected override void Tidy(string source, string temp)
    {
        if (File.Exists(temp) && File.Exists(source))
        {
            File.Delete(temp);
        }
    }
}

/// <summary>A hardlink at the target to the source (one file system).</summary>
public sealed class HardlinkStep : PlaceStep
{
    /// <inheritdoc/>
    public override string Name => "hardlink";

    /// <inheritdoc/>
    protected override bool Make(StepRun run, PlanStep step, string source, string target, string temp)
    {
        UnixFiles.HardLink(source, target);
        return true;
    }

    /// <inheritdoc/>
    protected override bool IsOurs(string source, string target) =>
        File.Exists(source) && UnixFiles.Stat(target).SameInode(UnixFiles.Stat(source));
}

/// <summary>A symlink at the target to the source's absolute path.</summary>
public sealed class SymlinkStep : PlaceStep
{
    /// <inheritdoc/>
    public override string Name => "symlink";

    /// <inheritdoc/>
    protected override bool Make(StepRun run, PlanStep step, string source, string target, string temp)
    {
        File.CreateSymbolicLink(target, source); // symlink(2) refuses an existing name
        return true;
    }

    /// <inheritdoc/>
    protected override bool IsOurs(string source, string target) => new FileInfo(target).LinkTarget == source;
}
