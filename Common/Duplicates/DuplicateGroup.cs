namespace MediaLibrary.Common.Duplicates;

/// <summary>One path of a duplicate group.</summary>
/// <param name="Source">Who has the file ("local" in the embedded catalog, an agent on a host).</param>
/// <param name="Path">Absolute path.</param>
/// <param name="Device">st_dev.</param>
/// <param name="Inode">st_ino.</param>
/// <param name="HardlinkOf">The group's earlier path with the same inode, when this is a hardlink of it
/// (one identity: deleting it frees nothing).</param>
public sealed record DuplicateMember(string Source, string Path, ulong Device, ulong Inode, string? HardlinkOf);

/// <summary>Files whose full hashes agree: the same bytes, stored <see cref="Identities"/> times.</summary>
/// <param name="Size">Bytes of each file.</param>
/// <param name="Algorithm">Algorithm of <paramref name="Hash"/>.</param>
/// <param name="Hash">Full hash shared by every member.</param>
/// <param name="Members">Paths, ordinal order.</param>
/// <param name="Identities">Distinct (source, device, inode) among the members.</param>
public sealed record DuplicateGroup(long Size, string Algorithm, string Hash, IReadOnlyList<DuplicateMember> Members, int Identities)
{
    /// <summary>Bytes freed by keeping one copy: hardlinks of one inode free nothing.</summary>
    public long ReclaimableBytes => Size * (Identities - 1);
}
