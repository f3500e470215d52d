using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Actions;

/// <summary>What a step kind may do while it runs: journal its state (before it acts), make the
/// catalog follow a file it moved, see Ctrl+C, and turn a failure into a skip.</summary>
public sealed class StepRun
{
    private readonly IPlanJournal _journal;
    private readonly CatalogStore _catalog;
    private readonly IJournalObserver? _observer;

    internal StepRun(IPlanJournal journal, CatalogStore catalog, IJournalObserver? observer, CancellationToken cancellation)
    {
        _journal = journal;
        _catalog = catalog;
        _observer = observer;
        Cancellation = cancellation;
    }

    /// <summary>Ctrl+C: a long copy stops part way; a step stops only between journal writes.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Writes the step's new state to the journal.</summary>
    public void Set(PlanStep step, StepState state, string? reason = null)
    {
        step.State = state;
        step.Reason = reason;
        _journal.Update(step);
        _observer?.Written();
    }

    /// <summary>Writes a plan's status to the journal.</summary>
    internal void SetStatus(string planId, PlanStatus status)
    {
        _journal.SetStatus(planId, status);
        _observer?.Written();
    }

    /// <summary>The file went from <paramref name="from"/> to <paramref name="to"/>: its record
    /// follows (keeping hashes and metadata), and the step is done (or undone).</summary>
    public void Finish(PlanStep step, string from, string to, bool forward)
    {
        _catalog.Rename(CatalogKey.LocalSource, from, to, FileOps.TryStat(to));
        Set(step, forward ? StepState.Done : StepState.Undone);
    }

    /// <summary>The file at <paramref name="path"/> is another one now (a link, a new inode): its
    /// record takes that identity and keeps its hashes.</summary>
    public void Restat(string path) => _catalog.Rename(CatalogKey.LocalSource, path, path, FileOps.TryStat(path));

    /// <summary>
    /// A step that fails (no space left, permission denied, a read-only or vanished folder) is
    /// skipped with its reason and the plan goes on: a failure must not stop the plan, nor make every
    /// later recovery fail on the same step again. Our own partial copy goes; the source is intact
    /// (it is removed only after a verified copy is in place).
    /// </summary>
    public bool Guarded(PlanStep step, string source, string partial, bool forward, Func<bool> act)
    {
        try
        {
            return act();
        }
        // .NET reports EFBIG (a file over the target's size limit, as FAT32's 4 GiB) as an argument error.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StatException or ArgumentOutOfRangeException)
        {
            var state = step.State;
            // Only while the source is there is a partial copy surely not the only one.
            if (state is StepState.Copying or StepState.UndoCopying or StepState.Placing && File.Exists(partial) && File.Exists(source))
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
            var both = state is StepState.Copied or StepState.UndoCopied ? "copied, but the source could not be removed (both kept): " : "";
            Set(step, StepState.Skipped.Way(forward), both + reason);
            return false;
        }
    }

    /// <summary>Copies to a new file (never an existing one) and flushes it to disk. Ctrl+C during a
    /// long copy stops it: the partial copy goes and the step is <paramref name="stateIfStopped"/> again.</summary>
    public void CopyToNew(PlanStep step, string from, string to, StepState stateIfStopped)
    {
        try
        {
            FileOps.CopyToNew(from, to, Cancellation);
        }
        catch (OperationCanceledException)
        {
            File.Delete(to);
            Set(step, stateIfStopped);
            throw;
        }
    }
}
