using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Duplicates;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Cli.Remote;

/// <summary>The host's answers in the shapes the embedded catalog gives, so output is the same.</summary>
public static class HostQueries
{
    /// <summary>Every page of the host's duplicate groups.</summary>
    public static async Task<DuplicateReport> DuplicatesAsync(Catalog.CatalogClient client, long minSize, CancellationToken ct)
    {
        var groups = new List<Common.Duplicates.DuplicateGroup>();
        int awaiting = 0;
        var token = "";
        do
        {
            var page = await client.ListDuplicatesAsync(new DuplicatesRequest { MinSize = minSize, PageSize = 1000, PageToken = token }, cancellationToken: ct);
            awaiting = page.AwaitingFullHash;
            groups.AddRange(page.Groups.Select(g => new Common.Duplicates.DuplicateGroup(
                g.Size, g.Algo, g.Hash,
                g.Files.Select(f => new DuplicateMember(f.Source, f.Path, f.Device, f.Inode, f.HardlinkOf.Length > 0 ? f.HardlinkOf : null)).ToList(),
                g.Identities)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return new DuplicateReport(groups, [], 0, 0) { AwaitingFullHash = awaiting };
    }

    /// <summary>The host's near-duplicate groups (videos its agents fingerprinted).</summary>
    public static async Task<List<NearDuplicateGroup>> NearAsync(Catalog.CatalogClient client, CancellationToken ct)
    {
        var reply = await client.ListNearDuplicatesAsync(new NearDuplicatesRequest(), cancellationToken: ct);
        return reply.Groups.Select(g => new NearDuplicateGroup(
            g.Files.Select(f => new CatalogRecord
            {
                Id = CatalogKey.Of(f.Source, f.Record.Path),
                Source = f.Source,
                Path = f.Record.Path,
                Kind = f.Record.Kind,
                Size = f.Record.Size,
                Media = f.Record.Metadata is { } m ? Common.Ingest.RecordMapper.ToMediaInfo(m) : null,
            }).ToList(),
            g.MaxDistance)).ToList();
    }

    /// <summary>Every junk file the host holds, in key order.</summary>
    public static async Task<List<JunkEntry>> JunkAsync(Catalog.CatalogClient client, CancellationToken ct)
    {
        var junk = new List<JunkEntry>();
        var token = "";
        do
        {
            var page = await client.ListFilesAsync(new FilesRequest { Kind = Common.Classification.FileKind.Junk, PageSize = 1000, PageToken = token },
                cancellationToken: ct);
            junk.AddRange(page.Files.Select(f => new JunkEntry(CatalogKey.Of(f.Source, f.Record.Path), f.Record.Path, f.Record.Size, f.Record.Ext,
                f.Record.Reason)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return junk;
    }
}
