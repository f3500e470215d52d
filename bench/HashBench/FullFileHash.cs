using BenchmarkDotNet.Attributes;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Bench;

/// <summary>Full hash of a 512 MiB file in the page cache, through FileHasher (pread + hashing).</summary>
[ShortRunJob]
public class FullFileHash
{
    private string _path = "";
    private FileStat _stat;

    [Params(HashAlgorithmName.XxHash64, HashAlgorithmName.Xxh3, HashAlgorithmName.Xxh128)]
    public string Algorithm { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "mlm-bench-512m.bin");
        if (!File.Exists(_path) || new FileInfo(_path).Length != 512L * 1024 * 1024)
        {
            var block = new byte[1024 * 1024];
            var random = new Random(7);
            using var f = File.Create(_path);
            for (int i = 0; i < 512; i++)
            {
                random.NextBytes(block);
                f.Write(block);
            }
        }
        _stat = UnixFiles.Stat(_path);
        _ = new FileHasher(new HashParameters(Algorithm)).FullHash(_path, _stat); // warm the page cache
    }

    [Benchmark]
    public string FullHash512MiB() => new FileHasher(new HashParameters(Algorithm)).FullHash(_path, _stat);
}
