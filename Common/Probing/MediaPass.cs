using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Probing;

/// <summary>
/// `mlm scan --media`: describes the catalog's videos under the scanned roots that lack metadata or
/// a fingerprint (new or changed files: a change clears both), writing in chunks. Never part of the
/// hashing pass.
/// </summary>
public sealed class MediaPass(CatalogStore catalog, VideoDescriber describer, int workers)
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
            foreach (var r in catalog.StreamUnder(source, root).Where(describer.Wants))
            {
                todo.Add(r);
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
        var updated = await describer.DescribeAsync(chunk, workers, ct).ConfigureAwait(false);
        Probed += updated.Count;
        Fingerprinted += updated.Count(r => r.Fingerprint is not null);
        catalog.Upsert(updated);
    }
}
