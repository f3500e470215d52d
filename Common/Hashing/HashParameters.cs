namespace MediaLibrary.Common.Hashing;

/// <summary>How hashes are computed; a stored hash is reused only when these are unchanged.</summary>
/// <param name="Algorithm">One of <see cref="HashAlgorithmName"/>.</param>
/// <param name="SampleSize">Bytes per sample (head, middle, tail).</param>
public sealed record HashParameters(string Algorithm = HashAlgorithmName.Default, int SampleSize = HashParameters.DefaultSampleSize)
{
    /// <summary>64 KiB: three samples cover the whole of most small files in one read, and a large
    /// file costs three small reads. The earlier system used 4 MiB, which reads 12 MiB per video.</summary>
    public const int DefaultSampleSize = 64 * 1024;

    /// <summary>Files up to this size are hashed whole, so their sample hash is their full hash.</summary>
    public long WholeFileLimit => 3L * SampleSize;

    /// <summary>Throws when the parameters cannot be used.</summary>
    /// <exception cref="ArgumentException">Unknown algorithm or a sample size out of range.</exception>
    public HashParameters Validate()
    {
        if (!HashAlgorithmName.IsKnown(Algorithm))
        {
            _ = HashAlgorithmName.Create(Algorithm);
        }
        if (SampleSize is < 4096 or > 64 * 1024 * 1024)
        {
            throw new ArgumentException($"sample size {SampleSize} is out of range (4 KiB to 64 MiB)");
        }
        return this;
    }
}
