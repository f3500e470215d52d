namespace MediaLibrary.Common.Actions;

/// <summary>A saved plan: what made it, and where it stands. Its steps are kept apart (<see cref="PlanStep"/>).</summary>
/// <param name="Id">10 hex digits; what `--apply` and `undo` take.</param>
/// <param name="Kind">Which command made it: "organize", "dedupe", "junk".</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Mode">The command's own word for how it acts ("Move", "link"...), shown in lists.</param>
/// <param name="At">When it was made (UTC, ISO 8601).</param>
/// <param name="Acts">Steps that act.</param>
/// <param name="Conflicts">Steps left alone when planned.</param>
/// <param name="Description">How it was made (template and destination, action and rules).</param>
public sealed record ActionPlan(string Id, string Kind, PlanStatus Status, string Mode, string At, int Acts, int Conflicts, string Description);
