using LiteDB;
using MediaLibrary.Common.Catalog;
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
public sealed partial class PlanExecutor(CatalogStore catalog, Action? afterJournalWrite = null)
{
    // Fields, not the constructor's parameters, as the other parts of this partial class use them.
    private readonly CatalogStore _catalog = catalog;
    private readonly Action? _afterJournalWrite = afterJournalWrite;
    private readonly ILiteCollection<BsonDocument> _plans = catalog.Collection("organize_plans");
    private readonly ILiteCollection<BsonDocument> _steps = ByPlan(catalog.Collection("organize_steps"));
    private CancellationToken _cancel; // of the apply under way: stops a long copy part way

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
    /// <exception cref="OperationCanceledException">Ctrl+C while finishing an apply: the step under
    /// way was finished and the plan is left "stopped", as an interrupted apply is.</exception>
    public int Recover(CancellationToken cancellationToken = default)
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
            _cancel = cancellationToken;
            try
            {
                recovered += Advance(id, mode, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SetPlan(id, "stopped");
                throw;
            }
            finally
            {
                _cancel = CancellationToken.None;
            }
            SetPlan(id, "applied");
        }
        return recovered;
    }

    // Copies that give way go to the trash by a move, whatever the plan's mode.
    private static bool Moves(BsonDocument step, OrganizeMode mode) =>
        mode == OrganizeMode.Move || (step.TryGetValue("trash", out var trash) && trash.AsBoolean);


}
