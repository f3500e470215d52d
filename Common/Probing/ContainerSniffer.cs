namespace MediaLibrary.Common.Probing;

/// <summary>
/// Recognises media containers by their first bytes. Starting ffprobe costs ~40 ms of CPU per file;
/// a file that starts like no container at all (a mislabelled download, random bytes, a text file
/// named .mkv) is reported as not media without starting it.
/// </summary>
public static class ContainerSniffer
{
    /// <summary>Bytes to read from the start of a file.</summary>
    public const int HeadLength = 512;

    /// <summary>True when <paramref name="head"/> starts like a container ffprobe could read.</summary>
    public static bool LooksLikeMedia(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12)
        {
            return head.Length > 0 && head[0] == 0x47; // too short to tell: let ffprobe say
        }
        return head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) // Matroska, WebM (EBML)
            || IsIsoBmff(head) // MP4, MOV, M4V, 3GP
            || (head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("AVI "u8))
            || head.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) // ASF: WMV, WMA
            || head.StartsWith("FLV"u8)
            || head.StartsWith("OggS"u8)
            || head.StartsWith(".RMF"u8)
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA]) // MPEG program stream (.mpg, .vob)
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xB3]) // MPEG video elementary stream
            || IsTransportStream(head, 0, 188) // .ts
            || IsTransportStream(head, 4, 192); // .m2ts (4-byte timestamp before each packet)
    }

    private static bool IsIsoBmff(ReadOnlySpan<byte> head)
    {
        var box = head[4..8];
        return box.SequenceEqual("ftyp"u8) || box.SequenceEqual("moov"u8) || box.SequenceEqual("mdat"u8)
            || box.SequenceEqual("wide"u8) || box.SequenceEqual("free"u8) || box.SequenceEqual("skip"u8) || box.SequenceEqual("pnot"u8);
    }

    private static bool IsTransportStream(ReadOnlySpan<byte> head, int offset, int packet)
    {
        // Sync byte 0x47 at the start of each packet the head covers (at least two).
        int checkedPackets = 0;
        for (int at = offset; at < head.Length; at += packet)
        {
            if (head[at] != 0x47)
            {
                return false;
            }
            checkedPackets++;
        }
        return checkedPackets >= 2 || (checkedPackets == 1 && head.Length < offset + packet);
    }
}
