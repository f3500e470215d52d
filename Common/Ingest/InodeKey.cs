using System.Globalization;

namespace MediaLibrary.Common.Ingest;

/// <summary>The earlier system's identity string "size:int(mtime):int(ctime):ino:dev".</summary>
public static class InodeKey
{
    /// <summary>Reads inode and device out of an inode key.</summary>
    public static bool TryParse(string key, out ulong inode, out ulong device)
    {
        inode = device = 0;
        var parts = key.Split(':');
        return parts.Length == 5
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && ulong.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out inode)
            && ulong.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out device);
    }
}
