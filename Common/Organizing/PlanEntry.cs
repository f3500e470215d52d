namespace MediaLibrary.Common.Organizing;

/// <summary>One move of an organize plan, and what stands in its way.</summary>
/// <param name="Source">Where the file is.</param>
/// <param name="Target">Where the template puts it (or the trash folder, for a copy that gives way).</param>
/// <param name="Size">Bytes.</param>
/// <param name="SidecarOf">For a subtitle or .nfo that follows its video: the video's source path.</param>
/// <param name="Conflict">Null when the move can go ahead; else why not (the policy decides).</param>
/// <param name="Note">Why a move is what it is ("to the trash: ... is better"), for people reading the plan.</param>
/// <param name="ToTrash">A copy that gives way: moved to the trash folder, whatever the plan's mode.</param>
/// <param name="MakesRoomFor">For a copy that gives way: the better copy's source. If that one cannot
/// come, this one stays (or is put back).</param>
public sealed record PlanEntry(string Source, string Target, long Size, string? SidecarOf, string? Conflict, string? Note = null, bool ToTrash = false,
    string? MakesRoomFor = null)
{
    /// <summary>Nothing to do: the file is already where the template puts it.</summary>
    public bool InPlace => string.Equals(Source, Target, StringComparison.Ordinal);

    /// <summary>True when the plan will move (or copy, or link) this file.</summary>
    public bool Acts => Conflict is null && !InPlace;
}
