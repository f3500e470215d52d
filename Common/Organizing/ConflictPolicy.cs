namespace MediaLibrary.Common.Organizing;

/// <summary>How a plan treats a target that is taken (by a file already there, or by another source
/// of the same plan). No policy ever overwrites or deletes: a copy that gives way is moved aside.</summary>
public enum ConflictPolicy
{
    /// <summary>Leave the source where it is (the default).</summary>
    Skip,

    /// <summary>Use "Name (2).ext", "Name (3).ext"... for the later sources.</summary>
    Suffix,

    /// <summary>The better copy (resolution, then bitrate, then size) gets the target. A worse source
    /// stays where it is; a worse file already at the target is moved to the trash folder.</summary>
    Better,

    /// <summary>As <see cref="Better"/>, and worse sources go to the trash folder too, so the library
    /// ends up with one copy of each and the trash holds the rest for review.</summary>
    Trash,
}
