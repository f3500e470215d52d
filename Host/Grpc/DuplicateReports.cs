using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Duplicates;

namespace MediaLibrary.Host.Grpc;

/// <summary>
/// The last duplicate report, kept per (min size, catalog generation): a client paging through it
/// gets every page from one search of one catalog state, instead of a new search per page (and pages
/// of different states while agents are sending).
/// </summary>
public sealed class DuplicateReports(CatalogStore catalog)
{
    private readonly Lock _gate = new();
    private (long MinSize, long Generation, DuplicateReport Report)? _last;

    /// <summary>The report for <paramref name="minSize"/> at <paramref name="generation"/> (the
    /// current one when null), searched once; null when asked for a state that is gone.</summary>
    public (long Generation, DuplicateReport Report)? Get(long minSize, long? generation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_last is { } last && last.MinSize == minSize && (generation ?? catalog.Generation) == last.Generation)
            {
                return (last.Generation, last.Report);
            }
            if (generation is not null && generation != catalog.Generation)
            {
                return null;
            }
            var current = catalog.Generation;
            // The host cannot read agents' files: candidates without full hashes wait for the agents'.
            var report = new DuplicateFinder(catalog, new DuplicateOptions(minSize, HashMissing: false)).Find(cancellationToken);
            _last = (minSize, current, report);
            return (current, report);
        }
    }
}
