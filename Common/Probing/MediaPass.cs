using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Probing;

/// <summary>
/// `mlm scan --media`: ffprobe and fingerprint the catalog's videos under the scanned roots that lack
/// them (new or changed files: a change clears both), with bounded concurrency, writing in chunks.
/// Never part of the hashing pass.
/// </summary>
public sealed class MediaPass(CatalogStore catalog, MediaProber prober, VideoFingerprinter fingerprinter, int workers, bool fingerprints)
{
    private const int Chunk = 64;

    /// <summary>Videos probed and fingerprinted in this run.</summary>
    public int Probed { get; private set; }

    /// <summary>Fingerprints computed in this run.</summary>
    public int Fingerprinted { get; private set; }

    /// <summary>Runs over <paramref name="roots"/> of <paramref name="source"/>.</summary>
    public async Task RunAsync(string source, IEnumerable<string> roots, CancellationToken ct)
    {
        foreach (var root in roots.Select(Walking.FileWalker.NormalizeRoot))
        {
            var todo = new List<CatalogRecord>(Chunk);
            foreach (var r in catalog.StreamUnder(source, root))
            {
                if (r.Kind == Classification.FileKind.Video && !r.Gone && r.Error is null
                    && (r.Media is null || (fingerprints && r.Fingerprint is null && r.Media.ProbeError.Length == 0)))
                {
                    todo.Add(r);
                }
                if (todo.Count == Chunk)
                {
                    await ProcessAsync(todo, ct).ConfigureAwait(false);
                    todo.Clear();
                }
            }
            await ProcessAsync(todo, ct).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(List<CatalogRecord> chunk, CancellationToken ct)
    {
        var done = new CatalogRecord?[chunk.Count];
        await Parallel.ForAsync(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = ct }, async (i, token) =>
        {
            var r = chunk[i];
            try
            {
                if (!UnixFiles.Stat(r.Path, followSymlinks: true).SameContentIdentity(ScanIndexer.IdentityOf(r)))
                {
                    return; // changed since the scan: the next scan will see it
                }
            }
            catch (StatException)
            {
                return;
            }
            if (r.Media is null)
            {
                r.Media = await prober.ProbeAsync(r.Path, token).ConfigureAwait(false);
            }
            if (fingerprints && r.Fingerprint is null && r.Media.ProbeError.Length == 0)
            {
                var (fp, error) = await fingerprinter.ComputeAsync(r.Path, r.Media.Duration, token).ConfigureAwait(false);
                r.Fingerprint = fp;
                if (error is not null)
                {
                    r.Media = r.Media with { ProbeError = "fingerprint: " + error };
                }
            }
            done[i] = r;
        }).ConfigureAwait(false);
        var updated = done.OfType<CatalogRecord>().ToList();
        Probed += updated.Count;
        Fingerprinted += updated.Count(r => r.Fingerprint is not null);
        catalog.Upsert(updated);
    }
}
