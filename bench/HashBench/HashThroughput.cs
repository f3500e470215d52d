using BenchmarkDotNet.Attributes;
using MediaLibrary.Common.Hashing;

namespace MediaLibrary.Bench;

/// <summary>In-memory throughput of each algorithm over 64 MiB, fed in 1 MiB pieces as full hashes read.</summary>
[ShortRunJob]
public class HashThroughput
{
    private byte[] _data = [];

    [Params(HashAlgorithmName.XxHash64, HashAlgorithmName.Xxh3, HashAlgorithmName.Xxh128)]
    public string Algorithm { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[64 * 1024 * 1024];
        new Random(42).NextBytes(_data);
    }

    [Benchmark]
    public string Hash64MiB()
    {
        var hash = HashAlgorithmName.Create(Algorithm);
        for (int offset = 0; offset < _data.Length; offset += 1024 * 1024)
        {
            hash.Append(_data.AsSpan(offset, 1024 * 1024));
        }
        return hash.HexDigest();
    }
}
