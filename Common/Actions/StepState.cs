namespace MediaLibrary.Common.Actions;

/// <summary>Where one step of a plan stands. The journal writes it before the step acts, so a
/// recovery knows from it what a crash interrupted; the <c>Undo*</c> states are the same road back.</summary>
public enum StepState
{
    /// <summary>Not started.</summary>
    Pending,
    /// <summary>Left alone when planned (the reason says why); never run.</summary>
    Conflict,
    /// <summary>A rename is under way.</summary>
    Moving,
    /// <summary>A case-only rename through a temporary name is under way.</summary>
    Case,
    /// <summary>Copying to a temporary name on another file system.</summary>
    Copying,
    /// <summary>The verified copy is in place; the source is still to be removed.</summary>
    Copied,
    /// <summary>A copy, link or other new file is being made at the target.</summary>
    Placing,
    /// <summary>Finished.</summary>
    Done,
    /// <summary>Not done, and will not be (the reason says why); the files are as they were.</summary>
    Skipped,
    /// <summary>Undo chosen, not started.</summary>
    UndoPending,
    /// <summary>Undo: a rename back is under way.</summary>
    UndoMoving,
    /// <summary>Undo: a case-only rename back is under way.</summary>
    UndoCase,
    /// <summary>Undo: copying back across file systems.</summary>
    UndoCopying,
    /// <summary>Undo: copied back; the plan's copy is still to be removed.</summary>
    UndoCopied,
    /// <summary>Undone.</summary>
    Undone,
    /// <summary>Could not be undone (the reason says why); a later undo tries again.</summary>
    UndoSkipped,
}

/// <summary>The journal's text for a state ("undo-skipped: target exists"), which is also what
/// plans show people and scripts; and the way from a forward state to its undo twin.</summary>
public static class StepStates
{
    private static readonly Dictionary<StepState, string> Names = new()
    {
        [StepState.Pending] = "pending", [StepState.Conflict] = "conflict", [StepState.Moving] = "moving", [StepState.Case] = "case",
        [StepState.Copying] = "copying", [StepState.Copied] = "copied", [StepState.Placing] = "placing", [StepState.Done] = "done",
        [StepState.Skipped] = "skipped", [StepState.UndoPending] = "undo-pending", [StepState.UndoMoving] = "undo-moving",
        [StepState.UndoCase] = "undo-case", [StepState.UndoCopying] = "undo-copying", [StepState.UndoCopied] = "undo-copied",
        [StepState.Undone] = "undone", [StepState.UndoSkipped] = "undo-skipped",
    };

    private static readonly Dictionary<string, StepState> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>"skipped: source is gone", "done".</summary>
    public static string Text(StepState state, string? reason) => reason is null ? Names[state] : Names[state] + ": " + reason;

    /// <summary>Reads <see cref="Text"/> back (also journals written before states were typed).</summary>
    public static (StepState State, string? Reason) Parse(string text)
    {
        int colon = text.IndexOf(": ", StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var reason = colon < 0 ? null : text[(colon + 2)..];
        return ByName.TryGetValue(name, out var state) ? (state, reason) : (StepState.Skipped, "unreadable journal state: " + text);
    }

    /// <summary>True for the states of the way back.</summary>
    public static bool IsUndo(this StepState state) => state is >= StepState.UndoPending;

    /// <summary>The state for going <paramref name="forward"/> or back: Moving or UndoMoving.</summary>
    public static StepState Way(this StepState forwardState, bool forward) => forward ? forwardState : forwardState switch
    {
        StepState.Pending => StepState.UndoPending,
        StepState.Moving => StepState.UndoMoving,
        StepState.Case => StepState.UndoCase,
        StepState.Copying => StepState.UndoCopying,
        StepState.Copied => StepState.UndoCopied,
        StepState.Done => StepState.Undone,
        StepState.Skipped => StepState.UndoSkipped,
        _ => forwardState,
    };
}
