using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Actions;

/// <summary>
/// Carries out saved plans of every kind (organize, dedupe, junk) so that no file is ever lost or
/// overwritten, whatever happens: every step's state is written to the journal before the step
/// acts, each step kind (<see cref="IStepKind"/>) knows how to finish itself from that state, and
/// <see cref="Recover"/> finishes what a crash interrupted. <see cref="Undo"/> takes an applied plan
/// back, last step first, the same safe way.
/// </summary>
public sealed class PlanExecutor
{
    /// <summary>How many never-applied plans of one kind are kept (a dry run under cron saves one each time).</summary>
    public const int KeptPreviews = 10;

    private readonly IPlanJournal _journal;
    private readonly CatalogStore _catalog;
    private readonly IJournalObserver? _observer;
    private readonly IReadOnlyDictionary<string, IStepKind> _kinds;

    /// <summary>The executor of <paramref name="catalog"/>'s journal, with every known step kind.</summary>
    public PlanExecutor(CatalogStore catalog, IJournalObserver? observer = null)
        : this(catalog, new LitePlanJournal(catalog), observer, StepKinds.All)
    {
    }

    /// <summary>An executor over a given journal and set of step kinds.</summary>
    public PlanExecutor(CatalogStore catalog, IPlanJournal journal, IJournalObserver? observer, IReadOnlyDictionary<string, IStepKind> kinds)
    {
        _catalog = catalog;
        _journal = journal;
        _observer = observer;
        _kinds = kinds;
    }

    /// <summary>Stores a previewed plan (status "planned"), recording the identity of each acting
    /// step's source, so that a later <see cref="Apply"/> acts on exactly what was shown and skips
    /// what changed since. Older previews of the same kind beyond <see cref="KeptPreviews"/> go.</summary>
    /// <returns>The plan id.</returns>
    public string Save(string kind, string mode, string description, IReadOnlyList<StepDraft> drafts)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var steps = drafts.Select((d, seq) => new PlanStep
        {
            Id = $"{id}:{seq:000000}", Plan = id, Seq = seq, Kind = d.Kind, Source = d.Source, Target = d.Target, Size = d.Size,
            State = d.Conflict is null ? StepState.Pending : StepState.Conflict, Reason = d.Conflict,
            Note = d.Note, After = d.After, RoomFor = d.RoomFor, ToTrash = d.ToTrash,
            Identity = d.Conflict is null && FileOps.TryStat(d.Source) is { } stat ? FileOps.IdentityText(stat) : null,
        }).ToList();
        // The plan's record last: its insert is what makes the (already complete) plan exist.
        _journal.Add(new ActionPlan(id, kind, PlanStatus.Planned, mode, DateTime.UtcNow.ToString("O"),
            drafts.Count(d => d.Conflict is null), drafts.Count(d => d.Conflict is not null), description), steps);
        foreach (var old in _journal.All().Where(p => p.Status == PlanStatus.Planned && p.Kind == kind)
            .OrderByDescending(p => p.At, StringComparer.Ordinal).Skip(KeptPreviews).ToList())
        {
            _journal.Remove(old.Id);
        }
        return id;
    }

    /// <summary>A plan and its steps, in order.</summary>
    /// <exception cref="ArgumentException">No such plan.</exception>
    public (ActionPlan Plan, List<PlanStep> Steps) Load(string planId)
    {
        var plan = Find(planId);
        return (plan, _journal.Steps(planId));
    }

    /// <summary>Every plan, oldest first.</summary>
    public IReadOnlyList<ActionPlan> Plans() => _journal.All().OrderBy(p => p.At, StringComparer.Ordinal).ToList();

    /// <summary>Applies a saved plan (a preview, or one stopped part way). A source that changed
    /// since the plan was made is skipped, as is a target someone took in the meantime. When
    /// <paramref name="cancellationToken"/> fires (Ctrl+C), the step under way is finished and the
    /// plan is left "stopped": not finished by a recovery, resumed by another apply, or undone.</summary>
    /// <returns><see cref="PlanStatus.Applied"/> or <see cref="PlanStatus.Stopped"/>.</returns>
    /// <exception cref="ArgumentException">No such plan, or it was applied already.</exception>
    public PlanStatus Apply(string planId, CancellationToken cancellationToken = default)
    {
        var plan = Find(planId);
        if (plan.Status is not (PlanStatus.Planned or PlanStatus.Stopped))
        {
            throw new ArgumentException($"plan '{planId}' is {plan.Status.Text()}, not a preview waiting to be applied");
        }
        var run = Run(cancellationToken);
        run.SetStatus(planId, PlanStatus.Applying);
        try
        {
            Advance(run, plan);
        }
        catch (OperationCanceledException)
        {
            run.SetStatus(planId, PlanStatus.Stopped);
            return PlanStatus.Stopped;
        }
        run.SetStatus(planId, PlanStatus.Applied);
        return PlanStatus.Applied;
    }

    /// <summary>Takes every step of an applied (or stopped) plan back, last first: moves go back,
    /// made files are removed while still as made. Steps that could not go back before are tried again.</summary>
    /// <returns>How many steps were undone, and how many could not be (kept as they are, each saying
    /// why: a later undo tries those again).</returns>
    /// <exception cref="ArgumentException">No such plan, or it was never applied.</exception>
    public (int Undone, int Kept) Undo(string planId)
    {
        var plan = Find(planId);
        var run = Run(CancellationToken.None);
        var kept = _journal.Steps(planId).Where(s => s.State == StepState.UndoSkipped).ToList();
        if (plan.Status == PlanStatus.Planned || (plan.Status == PlanStatus.Undone && kept.Count == 0))
        {
            throw new ArgumentException($"plan '{planId}' is {plan.Status.Text()}: there is nothing to undo");
        }
        foreach (var step in kept)
        {
            run.Set(step, StepState.Done); // tried again: what stood in the way may have gone
        }
        // A stopped plan's steps that never ran stay as they are; the rest go back.
        run.SetStatus(planId, PlanStatus.Undoing);
        int undone = UndoSteps(run, plan);
        run.SetStatus(planId, PlanStatus.Undone);
        return (undone, _journal.Steps(planId).Count(s => s.State == StepState.UndoSkipped));
    }

    /// <summary>Finishes plans a crash interrupted (applying or undoing), step by step from the journal.</summary>
    /// <exception cref="OperationCanceledException">Ctrl+C while finishing an apply: the step under
    /// way was finished and the plan is left "stopped", as an interrupted apply is.</exception>
    public int Recover(CancellationToken cancellationToken = default)
    {
        int recovered = 0;
        var run = Run(cancellationToken);
        foreach (var plan in _journal.All().Where(p => p.Status is PlanStatus.Applying or PlanStatus.Undoing).ToList())
        {
            if (plan.Status == PlanStatus.Undoing)
            {
                recovered += UndoSteps(run, plan);
                run.SetStatus(plan.Id, PlanStatus.Undone);
                continue;
            }
            try
            {
                recovered += Advance(run, plan);
            }
            catch (OperationCanceledException)
            {
                run.SetStatus(plan.Id, PlanStatus.Stopped);
                throw;
            }
            run.SetStatus(plan.Id, PlanStatus.Applied);
        }
        return recovered;
    }

    private ActionPlan Find(string planId) =>
        _journal.Find(planId) ?? throw new ArgumentException($"no plan '{planId}' (see 'mlm organize plans')");

    private StepRun Run(CancellationToken cancellationToken) => new(_journal, _catalog, _observer, cancellationToken);

    /// <summary>Runs every step not yet finished, in order: pending ones from the start, ones a crash
    /// caught under way from their state. A step that waits for another runs only after it; when a
    /// step cannot come, those that made room for it go back.</summary>
    private int Advance(StepRun run, ActionPlan plan)
    {
        var steps = _journal.Steps(plan.Id);
        var bySource = steps.GroupBy(s => s.Source).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        int ran = 0;
        foreach (var step in steps)
        {
            if (step.State is StepState.Done or StepState.Skipped or StepState.Conflict || step.State.IsUndo())
            {
                continue;
            }
            run.Cancellation.ThrowIfCancellationRequested();
            ran++;
            if (step.State == StepState.Pending)
            {
                if (Held(step, bySource) is { } why)
                {
                    run.Set(step, StepState.Skipped, why);
                    continue;
                }
                if (step.Identity is { } identity && FileOps.TryStat(step.Source) is { } now && FileOps.IdentityText(now) != identity)
                {
                    run.Set(step, StepState.Skipped, "the source changed since the plan was made");
                }
                else
                {
                    KindOf(step, plan).Forward(run, step);
                }
            }
            else
            {
                KindOf(step, plan).Forward(run, step); // under way when a crash came: finished from its state
            }
            if (step.State == StepState.Skipped)
            {
                PutBack(run, plan, steps, step.Source);
            }
        }
        return ran;
    }

    // A sidecar moves only after its video did; a worse copy gives way only to a better one that came.
    private static string? Held(PlanStep step, Dictionary<string, PlanStep> bySource)
    {
        if (step.After is { } video && bySource.TryGetValue(video, out var videoStep) && videoStep.State != StepState.Done)
        {
            return "its video did not move";
        }
        if (step.RoomFor is { } winner && bySource.TryGetValue(winner, out var winnerStep) && winnerStep.State == StepState.Skipped)
        {
            return "the better copy could not come, so this one stays";
        }
        return null;
    }

    // The better copy could not come (changed since the preview, no room, a failed copy): the worse
    // ones that went to the trash to make room for it go back, last first, so the library keeps its file.
    private void PutBack(StepRun run, ActionPlan plan, List<PlanStep> steps, string winner)
    {
        foreach (var made in steps.Where(s => s.RoomFor == winner && s.State == StepState.Done).Reverse().ToList())
        {
            if (KindOf(made, plan).Backward(run, made))
            {
                run.Set(made, StepState.Undone, "put back, as the better copy could not come");
            }
        }
    }

    // Also the recovery of an undo that was killed: steps already back are undone, one caught
    // mid-way is finished from its state, and the rest are undone as usual.
    private int UndoSteps(StepRun run, ActionPlan plan)
    {
        int undone = 0;
        foreach (var step in _journal.Steps(plan.Id).AsEnumerable().Reverse())
        {
            undone += KindOf(step, plan).Backward(run, step) ? 1 : 0;
        }
        return undone;
    }

    // Journals from before step kinds were named: a step going to the trash moved, the others did
    // what the plan's mode said.
    private IStepKind KindOf(PlanStep step, ActionPlan plan)
    {
        var name = step.Kind is { Length: > 0 } k ? k : step.ToTrash ? "move" : plan.Mode.ToLowerInvariant();
        return _kinds.TryGetValue(name, out var kind) ? kind : throw new InvalidOperationException($"plan '{plan.Id}' has a step of unknown kind '{name}'");
    }
}
