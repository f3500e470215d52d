namespace MediaLibrary.Common.Identity;

/// <summary>The type of a directory entry, from the st_mode bits of stat.</summary>
public enum FileType
{
    Regular,
    Directory,
    Symlink,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Unknown,
}
