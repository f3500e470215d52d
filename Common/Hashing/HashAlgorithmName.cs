using System.IO.Hashing;
using K4os.Hash.xxHash;

namespace MediaLibrary.Common.Hashing;

/// <summary>The hash algorithms a record may name, and how to make each.</summary>
public static class HashAlgorithmName
{
    /// <summary>XXH64, the earlier system's default (K4os.Hash.xxHash; same digest as Python's xxhash).</summary>
    public const string XxHash64 = "xxhash64";
    /// <summary>XXH3-64 (System.IO.Hashing).</summary>
    public const string Xxh3 = "xxh3";
    /// <summary>XXH3-128 (System.IO.Hashing): our default, fastest measured here and collision-safe at scale
    /// (docs/BENCHMARKS.md).</summary>
    public const string Xxh128 = "xxh128";

    /// <summary>The default for new catalogs.</summary>
    public const string Default = Xxh128;

    /// <summary>Every supported name.</summary>
    public static IReadOnlyList<string> All { get; } = [XxHash64, Xxh3, Xxh128];

    /// <summary>True when <paramref name="name"/> is supported.</summary>
    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>A fresh incremental hasher for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown algorithm.</exception>
    public static IIncrementalHash Create(string name) => name switch
    {
        XxHash64 => new K4osXxh64(),
        Xxh3 => new NonCrypto(new XxHash3()),
        Xxh128 => new NonCrypto(new XxHash128()),
        _ => throw new ArgumentException($"unknown hash algorithm '{name}' (known: {string.Join(", ", All)})", nameof(name)),
    };

    private sealed class NonCrypto(NonCryptographicHashAlgorithm algorithm) : IIncrementalHash
    {
        public void Append(ReadOnlySpan<byte> data) => algorithm.Append(data);

        // System.IO.Hashing writes digests big-endian, the canonical xxHash hex form.
        public string HexDigest() => Convert.ToHexStringLower(algorithm.GetCurrentHash());
    }

    private sealed class K4osXxh64 : IIncrementalHash
    {
        private readonly XXH64 _state = new();

        public void Append(ReadOnlySpan<byte> data) => _state.Update(data);

        public string HexDigest() => _state.Digest().ToString("x16");
    }
}

/// <summary>An incremental hash that ends in the hex digest a record stores.</summary>
public interface IIncrementalHash
{
    /// <summary>Feeds bytes.</summary>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Lower-case hex of the digest so far.</summary>
    string HexDigest();
}
