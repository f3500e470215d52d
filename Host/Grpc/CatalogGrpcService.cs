using System.Globalization;
using System.Text;
using Grpc.Core;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Duplicates;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Host.Grpc;

/// <summary>Thin gRPC face of the catalog queries and the config service.</summary>
public sealed class CatalogGrpcService(CatalogStore catalog, ConfigService config, DuplicateReports reports) : Catalog.CatalogBase
{
    private const int DefaultPage = 100;
    private const int MaxPage = 1000;

    /// <inheritdoc />
    public override Task<DuplicatesPage> ListDuplicates(DuplicatesRequest request, ServerCallContext context)
    {
        // A token is "generation:offset": every page comes from the report of the first page's catalog state.
        var (generation, offset) = ParseDuplicatesToken(request.PageToken);
        var (current, report) = reports.Get(request.MinSize, generation, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "the catalog changed since the first page: start again without a page_token"));
        int size = PageSize(request.PageSize);
        var page = new DuplicatesPage
        {
            TotalGroups = report.Groups.Count,
            ReclaimableBytes = report.ReclaimableBytes,
            AwaitingFullHash = report.AwaitingFullHash,
            NextPageToken = offset + size < report.Groups.Count ? string.Create(CultureInfo.InvariantCulture, $"{current}:{offset + size}") : "",
        };
        foreach (var g in report.Groups.Skip(offset).Take(size))
        {
            var group = new Contracts.V1.DuplicateGroup
            {
                Size = g.Size, Algo = g.Algorithm, Hash = g.Hash, Identities = g.Identities, ReclaimableBytes = g.ReclaimableBytes,
            };
            group.Files.AddRange(g.Members.Select(m => new DuplicateFile
            {
                Source = m.Source, Path = m.Path, Device = m.Device, Inode = m.Inode, HardlinkOf = m.HardlinkOf ?? "",
            }));
            page.Groups.Add(group);
        }
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public override Task<NearDuplicatesReply> ListNearDuplicates(NearDuplicatesRequest request, ServerCallContext context)
    {
        var reply = new NearDuplicatesReply();
        foreach (var g in new NearDuplicateFinder(catalog).Find(context.CancellationToken))
        {
            var group = new NearDuplicateGroupMessage { MaxDistance = g.MaxDistance, ReclaimableBytes = g.ReclaimableBytes };
            group.Files.AddRange(g.Members.Select((m, i) => new NearDuplicateFile { Source = m.Source, Record = RecordMapper.ToFileRecord(m), Best = i == 0 }));
            reply.Groups.Add(group);
        }
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<FilesPage> ListFiles(FilesRequest request, ServerCallContext context)
    {
        int size = PageSize(request.PageSize);
        var after = request.PageToken.Length > 0 ? DecodeToken(request.PageToken) : null;
        var records = catalog.ListFiles(request.Kind, request.Source, request.Query, request.IncludeGone, after, size + 1);
        var page = new FilesPage();
        page.Files.AddRange(records.Take(size).Select(ToMessage));
        if (records.Count > size)
        {
            page.NextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(records[size - 1].Id));
        }
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public override Task<CatalogFile> GetFile(FileLookup request, ServerCallContext context) =>
        catalog.Find(request.Source, request.Path) is { } record
            ? Task.FromResult(ToMessage(record))
            : throw new RpcException(new Status(StatusCode.NotFound, $"no file {request.Path} from {request.Source}"));

    /// <inheritdoc />
    public override Task<CatalogStats> GetStats(StatsRequest request, ServerCallContext context)
    {
        var summary = catalog.Summary();
        var stats = new CatalogStats { Gone = summary.Gone };
        foreach (var kind in Common.Classification.FileKind.All)
        {
            var (files, bytes) = summary.Kinds.GetValueOrDefault(kind);
            stats.Kinds.Add(new KindCount { Kind = kind, Files = files, Bytes = bytes });
            stats.Files += files;
            stats.Bytes += bytes;
        }
        stats.Sources.AddRange(summary.Sources);
        return Task.FromResult(stats);
    }

    /// <inheritdoc />
    public override Task<IngestConfig> UpdateConfig(UpdateConfigRequest request, ServerCallContext context)
    {
        try
        {
            return Task.FromResult(config.Update(request));
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    private static CatalogFile ToMessage(CatalogRecord r) => new()
    {
        Source = r.Source,
        Record = RecordMapper.ToFileRecord(r),
        Gone = r.Gone,
        FirstSeen = r.FirstSeen.ToString("O", CultureInfo.InvariantCulture),
        LastSeen = r.LastSeen.ToString("O", CultureInfo.InvariantCulture),
    };

    private static int PageSize(int requested) => requested <= 0 ? DefaultPage : Math.Min(requested, MaxPage);

    private static (long? Generation, int Offset) ParseDuplicatesToken(string token) =>
        token.Length == 0 ? (null, 0)
        : token.Split(':') is [var g, var o] && long.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            && int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? (generation, offset)
        : throw new RpcException(new Status(StatusCode.InvalidArgument, "page_token is not one this service gave"));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "page_token is not one this service gave"));
        }
    }
}
