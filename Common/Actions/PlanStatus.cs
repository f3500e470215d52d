namespace MediaLibrary.Common.Actions;

/// <summary>Where a whole plan stands.</summary>
public enum PlanStatus
{
    /// <summary>A preview, saved, waiting to be applied.</summary>
    Planned,
    /// <summary>Being applied (or killed while it was: a recovery finishes it).</summary>
    Applying,
    /// <summary>Every step ran (done, skipped or left as a conflict).</summary>
    Applied,
    /// <summary>Ctrl+C part way: not finished by a recovery; resumed by another apply, or undone.</summary>
    Stopped,
    /// <summary>Being undone (or killed while it was: a recovery finishes it).</summary>
    Undoing,
    /// <summary>Undone.</summary>
    Undone,
}

/// <summary>Plan status text as the journal and the reports write it ("planned").</summary>
public static class PlanStatuses
{
    /// <summary>Lower-case name.</summary>
    public static string Text(this PlanStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Reads <see cref="Text"/> back.</summary>
    public static PlanStatus Parse(string text) =>
        Enum.TryParse<PlanStatus>(text, ignoreCase: true, out var status) ? status : PlanStatus.Stopped;
}
