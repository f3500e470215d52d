using System.Buffers;
using System.Buffers.Binary;
using MediaLibrary.Common.Identity;
using Microsoft.Win32.SafeHandles;

namespace MediaLibrary.Common.Hashing;

/// <summary>
/// Sample and full hashes of regular files. A sample hash covers head, middle and tail samples with
/// the size mixed in; a file of up to three samples is read whole, so its sample hash is also its
/// full hash and duplicate search never reads it again. Full hashes stream with 1 MiB reads
/// (64 KiB reads measured 10–50% slower here).
/// </summary>
public sealed class FileHasher(HashParameters parameters, HashCounters? counters = null, bool followSymlinks = false)
{
    private const int FullReadSize = 1024 * 1024;

    /// <summary>The parameters every digest of this hasher uses.</summary>
    public HashParameters Parameters { get; } = parameters;

    /// <summary>Read counters (shared with the caller when given).</summary>
    public HashCounters Counters { get; } = counters ?? new HashCounters();

    /// <summary>Sample hash, plus the full hash when the file is small enough to be read whole
    /// (or when <paramref name="full"/> asks for it).</summary>
    /// <exception cref="StatException">The file vanished, is unreadable, or changed since <paramref name="stat"/>.</exception>
    public FileHashes Hash(string path, in FileStat stat, bool full = false, CancellationToken cancellationToken = default)
    {
        if (stat.Size == 0)
        {
            return new FileHashes("", HashAlgorithmName.Create(Parameters.Algorithm).HexDigest());
        }
        using var handle = UnixFiles.OpenVerified(path, stat, followSymlinks);
        Counters.AddFile();
        if (stat.Size <= Parameters.WholeFileLimit)
        {
            var whole = HashRange(handle, path, stat.Size, cancellationToken);
            return new FileHashes(whole, whole);
        }
        var sample = HashSamples(handle, path, stat.Size);
        return new FileHashes(sample, full ? HashRange(handle, path, stat.Size, cancellationToken) : null);
    }

    /// <summary>Full hash of a file (for duplicate candidates).</summary>
    /// <exception cref="StatException">The file vanished, is unreadable, or changed since <paramref name="stat"/>.</exception>
    public string FullHash(string path, in FileStat stat, CancellationToken cancellationToken = default)
    {
        if (stat.Size == 0)
        {
            return HashAlgorithmName.Create(Parameters.Algorithm).HexDigest();
        }
        using var handle = UnixFiles.OpenVerified(path, stat, followSymlinks);
        Counters.AddFile();
        return HashRange(handle, path, stat.Size, cancellationToken);
    }

    private string HashSamples(SafeFileHandle handle, string path, long size)
    {
        int n = Parameters.SampleSize;
        var hash = HashAlgorithmName.Create(Parameters.Algorithm);
        Span<byte> sizeBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(sizeBytes, size);
        hash.Append(sizeBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            foreach (long offset in (ReadOnlySpan<long>)[0, (size / 2) - (n / 2), size - n])
            {
                ReadExactly(handle, path, buffer.AsSpan(0, n), offset);
                hash.Append(buffer.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return hash.HexDigest();
    }

    private string HashRange(SafeFileHandle handle, string path, long size, CancellationToken ct)
    {
        var hash = HashAlgorithmName.Create(Parameters.Algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(FullReadSize, size));
        try
        {
            long offset = 0;
            while (offset < size)
            {
                ct.ThrowIfCancellationRequested(); // a 50 GB file must not hold up Ctrl+C
                int want = (int)Math.Min(buffer.Length, size - offset);
                ReadExactly(handle, path, buffer.AsSpan(0, want), offset);
                hash.Append(buffer.AsSpan(0, want));
                offset += want;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return hash.HexDigest();
    }

    private void ReadExactly(SafeFileHandle handle, string path, Span<byte> buffer, long offset)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (n == 0)
            {
                // Shorter than stat said: truncated while we read it.
                throw new StatException(path, 0, "changed while being scanned (truncated)");
            }
            done += n;
        }
        Counters.AddBytes(done);
    }
}
