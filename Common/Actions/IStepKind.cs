namespace MediaLibrary.Common.Actions;

/// <summary>One kind of file action (move, copy, hardlink, ...): how a step of it is carried out,
/// resumed after a crash from its journaled state, and undone. A new action is a new kind.</summary>
public interface IStepKind
{
    /// <summary>The name steps carry in the journal ("move").</summary>
    string Name { get; }

    /// <summary>Runs a pending step, or finishes one a crash caught under way (from its state).
    /// The executor has already checked that the source is the file the plan was made from.</summary>
    /// <returns>True when the step is done.</returns>
    bool Forward(StepRun run, PlanStep step);

    /// <summary>Undoes a done step, or finishes an undo a crash caught under way. Every step of the
    /// plan is passed, last first; a kind leaves alone those it never acted on.</summary>
    /// <returns>True when the step is undone.</returns>
    bool Backward(StepRun run, PlanStep step);
}
