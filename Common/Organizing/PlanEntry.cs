namespace MediaLibrary.Common.Organizing;

/// <summary>One move of an organize plan, and what stands in its way.</summary>
/// <param name="Source">Where the file is.</param>
/// <param name="Target">Where the template puts it.</param>
/// <param name="Size">Bytes.</param>
/// <param name="SidecarOf">For a subtitle or .nfo that follows its video: the video's source path.</param>
/// <param name="Conflict">Null when the move can go ahead; else why not (the policy decides).</param>
public sealed record PlanEntry(string Source, string Target, long Size, string? SidecarOf, string? Conflict)
{
    /// <summary>Nothing to do: the file is already where the template puts it.</summary>
    public bool InPlace => string.Equals(Source, Target, StringComparison.Ordinal);
}
