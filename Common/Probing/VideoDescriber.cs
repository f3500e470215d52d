using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Probing;

/// <summary>
/// Describes videos: ffprobe metadata and, when asked, a visual fingerprint, for a chunk of records
/// at a time with bounded concurrency. The one walk behind `mlm scan --media` and the agent's pass 2.
/// A file that changed since its record was stored is left out (its next scan sees it); a failed
/// fingerprint is recorded as the probe's error, so it is not tried again until the file changes.
/// </summary>
public sealed class VideoDescriber(MediaProber prober, VideoFingerprinter fingerprinter, bool fingerprints)
{
    /// <summary>True when <paramref name="record"/> is a live video still lacking what this describer adds.</summary>
    public bool Wants(CatalogRecord record) =>
        record.Kind == FileKind.Video && !record.Gone && record.Error is null
        && (record.Media is null || (fingerprints && record.Fingerprint is null && record.Media.ProbeError.Length == 0));

    /// <summary>ffprobe runs so far.</summary>
    public long Probes => prober.Probes;

    /// <summary>Describes <paramref name="chunk"/>; returns the records it described, in order.</summary>
    public async Task<List<CatalogRecord>> DescribeAsync(IReadOnlyList<CatalogRecord> chunk, int workers, CancellationToken ct)
    {
        var done = new CatalogRecord?[chunk.Count];
        await Parallel.ForAsync(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = ct }, async (i,
            token) =>
        {
            var r = chunk[i];
            try
            {
                if (!UnixFiles.Stat(r.Path, followSymlinks: true).SameContentIdentity(ScanIndexer.IdentityOf(r)))
                {
                    return; // changed since it was stored: don't describe other bytes
                }
            }
            catch (StatException)
            {
                return;
            }
            r.Media ??= await prober.ProbeAsync(r.Path, token).ConfigureAwait(false);
            if (fingerprints && r.Fingerprint is null && r.Media.ProbeError.Length == 0)
            {
                var (fingerprint, error) = await fingerprinter.ComputeAsync(r.Path, r.Media.Duration, token).ConfigureAwait(false);
                r.Fingerprint = fingerprint;
                if (error is not null)
                {
                    r.Media = r.Media with { ProbeError = "fingerprint: " + error };
                }
            }
            done[i] = r;
        }).ConfigureAwait(false);
        return done.OfType<CatalogRecord>().ToList();
    }
}
