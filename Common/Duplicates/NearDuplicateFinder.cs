using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Quality;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Duplicates;

/// <summary>
/// Near-duplicate videos: pairs whose durations agree (<see cref="NearMatch.DurationsAgree"/>) and
/// whose fingerprints are within <see cref="Threshold"/> are linked, and linked videos form a group.
/// Also finds probable partial downloads by comparing heads of same-stem files.
/// </summary>
public sealed class NearDuplicateFinder(CatalogStore catalog)
{
    /// <summary>Largest distance that still counts as the same video. Measured on the corpus in
    /// bench/near-corpus.sh: 97 % of variant pairs are within 15, the closest different clips are 16.8 apart (docs/BENCHMARKS.md).</summary>
    public const double Threshold = 15;

    private const int HeadBytes = 64 * 1024;

    /// <summary>Groups of two or more, largest reclaimable first.</summary>
    public List<NearDuplicateGroup> Find(CancellationToken cancellationToken = default)
    {
        var videos = catalog.ListFiles(FileKind.Video, null, null, false, null, int.MaxValue)
            .Where(r => r.Fingerprint is not null)
            .OrderBy(r => r.Fingerprint!.Duration)
            .ToList();
        var parent = Enumerable.Range(0, videos.Count).ToArray();
        var worst = new double[videos.Count];
        int Root(int i)
        {
            // Iterative with path halving: a long chain of matches must not recurse deeply.
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }
        for (int i = 0; i < videos.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = i + 1; j < videos.Count && NearMatch.DurationsAgree(videos[i].Fingerprint!.Duration, videos[j].Fingerprint!.Duration); j++)
            {
                var d = NearMatch.Distance(videos[i].Fingerprint!, videos[j].Fingerprint!);
                if (d <= Threshold)
                {
                    int a = Root(i), b = Root(j);
                    parent[a] = b;
                    worst[b] = Math.Max(Math.Max(worst[a], worst[b]), d);
                }
            }
        }
        return Enumerable.Range(0, videos.Count)
            .GroupBy(Root)
            .Where(g => g.Count() >= 2)
            .Select(g => new NearDuplicateGroup(BestCopy.Rank(g.Select(i => videos[i])), worst[g.Key]))
            .OrderByDescending(g => g.ReclaimableBytes)
            .ToList();
    }

    /// <summary>Smaller files (videos or partial-download junk) whose first 64 KiB equal those of a
    /// larger video with the same name stem: "Film.mkv.part" and "Film (1).mkv" beside "Film.mkv".</summary>
    public List<PartialCopy> FindPartials()
    {
        var candidates = catalog.ListFiles(FileKind.Video, null, null, false, null, int.MaxValue)
            .Concat(catalog.ListFiles(FileKind.Junk, null, null, false, null, int.MaxValue))
            .GroupBy(r => (r.Source, Stem(r.Path)))
            .Where(g => g.Count() >= 2);
        var found = new List<PartialCopy>();
        foreach (var group in candidates)
        {
            var bySize = group.OrderByDescending(r => r.Size).ToList();
            var complete = bySize[0];
            if (complete.Kind != FileKind.Video)
            {
                continue;
            }
            foreach (var smaller in bySize.Skip(1).Where(r => r.Size > 0 && r.Size < complete.Size))
            {
                if (SameHead(smaller, complete))
                {
                    found.Add(new PartialCopy(smaller, complete));
                }
            }
        }
        return found;
    }

    /// <summary>The name without folder, partial-download suffixes, copy markers and extension, lower-case.</summary>
    public static string Stem(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        foreach (var suffix in new[] { ".part", ".partial", ".crdownload", ".!qb", ".!ut", ".download", ".tmp" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }
        name = Path.GetFileNameWithoutExtension(name);
        var copy = System.Text.RegularExpressions.Regex.Match(name, @"^(.*?)(?: \(\d+\)| - copy|\.copy)$");
        return copy.Success ? copy.Groups[1].Value : name;
    }

    private static bool SameHead(CatalogRecord small, CatalogRecord large)
    {
        int length = (int)Math.Min(HeadBytes, small.Size);
        try
        {
            return ReadHead(small, length).AsSpan().SequenceEqual(ReadHead(large, length));
        }
        catch (StatException)
        {
            return false; // changed or gone since the scan
        }
    }

    private static byte[] ReadHead(CatalogRecord r, int length)
    {
        using var handle = UnixFiles.OpenVerified(r.Path, ScanIndexer.IdentityOf(r), followSymlinks: true);
        var buffer = new byte[length];
        int done = 0;
        while (done < length)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(done), done);
            if (n == 0)
            {
                break;
            }
            done += n;
        }
        return buffer;
    }
}
