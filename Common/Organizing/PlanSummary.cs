namespace MediaLibrary.Common.Organizing;

/// <summary>One line of `mlm organize plans`.</summary>
/// <param name="Id">What `--apply` and `undo` take.</param>
/// <param name="Status">planned (a preview), applying, applied, undoing or undone.</param>
/// <param name="At">When it was made (UTC, ISO 8601).</param>
/// <param name="Mode">Move, copy, hardlink or symlink.</param>
/// <param name="Moves">Files it moves (or copies, or links).</param>
/// <param name="Conflicts">Files it leaves where they are, and why is in its entries.</param>
/// <param name="Description">The template and destination it was made with.</param>
public sealed record PlanSummary(string Id, string Status, string At, OrganizeMode Mode, int Moves, int Conflicts, string Description);
