using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Duplicates;

/// <summary>The result of a duplicate search.</summary>
/// <param name="Groups">Sorted by reclaimable bytes, largest first.</param>
/// <param name="Skipped">Candidates left out because they changed or vanished since the last scan.</param>
/// <param name="FilesHashed">Files read whole by this search (0 when the catalog already knew).</param>
/// <param name="BytesHashed">Bytes read by this search.</param>
public sealed record DuplicateReport(IReadOnlyList<DuplicateGroup> Groups, IReadOnlyList<ScanError> Skipped, long FilesHashed, long BytesHashed)
{
    /// <summary>Candidates without a full hash that could not be computed here (host catalogs).</summary>
    public int AwaitingFullHash { get; init; }

    /// <summary>Sum over the groups.</summary>
    public long ReclaimableBytes => Groups.Sum(g => g.ReclaimableBytes);

    /// <summary>Files in all groups.</summary>
    public int FileCount => Groups.Sum(g => g.Members.Count);
}
