namespace MediaLibrary.Common.Actions;

/// <summary>A step as a command plans it, before it is saved into a plan's journal.</summary>
/// <param name="Kind">The <see cref="IStepKind.Name"/> that will carry it out.</param>
/// <param name="Source">The file acted on.</param>
/// <param name="Target">Where it goes, or what it is linked to.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Conflict">Why it is left alone; null when it acts.</param>
/// <param name="Note">For people reading the plan.</param>
/// <param name="After">Runs only after this source's step is done.</param>
/// <param name="RoomFor">Makes room for this source's step; goes back if that one cannot come.</param>
/// <param name="ToTrash">Goes to the trash folder.</param>
public sealed record StepDraft(string Kind, string Source, string Target, long Size, string? Conflict = null, string? Note = null,
    string? After = null, string? RoomFor = null, bool ToTrash = false);
