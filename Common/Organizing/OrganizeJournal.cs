using MediaLibrary.Common.Actions;

namespace MediaLibrary.Common.Organizing;

/// <summary>The organizer's view of the one plan journal: its entries saved as move, copy or link
/// steps, and read back as entries with their states.</summary>
public sealed class OrganizeJournal(PlanExecutor executor)
{
    /// <summary>The plan kind organize plans are saved under.</summary>
    public const string Kind = "organize";

    /// <summary>The executor that applies, undoes and recovers the plans.</summary>
    public PlanExecutor Executor { get; } = executor;

    /// <summary>Saves a previewed plan (in-place entries need no step). Returns its id.</summary>
    public string Save(IReadOnlyList<PlanEntry> plan, OrganizeMode mode, string description = "") =>
        Executor.Save(Kind, mode.ToString(), description, plan.Where(e => !e.InPlace).Select(e => new StepDraft(
            // Copies that give way go to the trash by a move, whatever the plan's mode.
            e.ToTrash ? "move" : mode.ToString().ToLowerInvariant(),
            e.Source, e.Target, e.Size, e.Conflict, e.Note, e.SidecarOf, e.MakesRoomFor, e.ToTrash)).ToList());

    /// <summary>The saved entries of a plan, in order, with each one's state ("pending", "done",
    /// "skipped: ...", "conflict: ...").</summary>
    /// <exception cref="ArgumentException">No such plan.</exception>
    public (string Status, OrganizeMode Mode, IReadOnlyList<(PlanEntry Entry, string State)> Steps) Load(string planId)
    {
        var (plan, steps) = Executor.Load(planId);
        return (plan.Status.Text(), ModeOf(plan), steps.Select(s => (Entry(s), s.StateText)).ToList());
    }

    /// <summary>The journal's organize plans (previews, applied, undone), oldest first.</summary>
    public IReadOnlyList<PlanSummary> Plans() =>
        Executor.Plans().Where(p => p.Kind == Kind)
            .Select(p => new PlanSummary(p.Id, p.Status.Text(), p.At, ModeOf(p), p.Acts, p.Conflicts, p.Description)).ToList();

    private static PlanEntry Entry(PlanStep s) =>
        new(s.Source, s.Target, s.Size, s.After, s.State == StepState.Conflict ? s.Reason : null, s.Note, s.ToTrash, s.RoomFor);

    private static OrganizeMode ModeOf(ActionPlan plan) => Enum.TryParse<OrganizeMode>(plan.Mode, out var mode) ? mode : OrganizeMode.Move;
}
