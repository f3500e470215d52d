namespace MediaLibrary.Common.Identity;

/// <summary>What stat tells about one file: its type and the identity that says whether it changed.</summary>
/// <param name="Type">Entry type (a symlink only when not followed).</param>
/// <param name="Device">st_dev, as glibc's makedev composes it (the value coreutils' stat prints).</param>
/// <param name="Inode">st_ino.</param>
/// <param name="Size">Bytes.</param>
/// <param name="MtimeNs">Modification time, nanoseconds since the epoch.</param>
/// <param name="CtimeNs">Status-change time, nanoseconds since the epoch.</param>
/// <param name="LinkCount">st_nlink: more than one means hardlinks exist.</param>
public readonly record struct FileStat(
    FileType Type, ulong Device, ulong Inode, long Size, long MtimeNs, long CtimeNs, uint LinkCount)
{
    /// <summary>Modification time in seconds, as the contract's <c>mtime</c> float.</summary>
    public double MtimeSeconds => MtimeNs / 1e9;

    /// <summary>Status-change time in seconds, as the contract's <c>ctime</c> float.</summary>
    public double CtimeSeconds => CtimeNs / 1e9;

    /// <summary>The earlier system's identity string: <c>size:int(mtime):int(ctime):ino:dev</c>.</summary>
    public string InodeKey => $"{Size}:{MtimeNs / 1_000_000_000}:{CtimeNs / 1_000_000_000}:{Inode}:{Device}";

    /// <summary>True when both name the same inode on the same device (hardlinks, or one file).</summary>
    public bool SameInode(in FileStat other) => Device == other.Device && Inode == other.Inode;

    /// <summary>True when nothing that could change the bytes has changed since <paramref name="other"/>.</summary>
    public bool SameContentIdentity(in FileStat other) =>
        SameInode(other) && Size == other.Size && MtimeNs == other.MtimeNs && CtimeNs == other.CtimeNs;
}
