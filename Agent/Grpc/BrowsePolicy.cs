using Grpc.Core;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Walking;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Agent.Grpc;

/// <summary>
/// What /agent/ls may show: only folders inside the configured roots or the browse roots given on
/// the command line. The path is resolved first (".." and symlinks), so neither can lead outside.
/// </summary>
public sealed class BrowsePolicy(AgentStats stats, AgentOptions options)
{
    /// <summary>The listing, or NotFound / PermissionDenied.</summary>
    public ListReply List(string path)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "path must be an absolute path"));
        }
        var real = UnixFiles.RealPath(path);
        if (real is null || !Directory.Exists(real))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "not found"));
        }
        var allowed = stats.Roots.Concat(options.BrowseRoots).Select(r => UnixFiles.RealPath(r)).OfType<string>();
        if (!allowed.Any(root => WalkOrder.IsUnder(real, root)))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "path is outside the configured roots"));
        }
        var reply = new ListReply { Path = path };
        var entries = new DirectoryInfo(real).EnumerateFileSystemInfos()
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var shown = path.TrimEnd('/');
        reply.Dirs.AddRange(entries.Where(e => e is DirectoryInfo || Directory.Exists(e.FullName)).Select(e => new ListEntry { Name = e.Name,
            Path = shown + "/" + e.Name }));
        reply.Files.AddRange(entries.Where(e => e is FileInfo && !Directory.Exists(e.FullName)).Select(e => new ListEntry { Name = e.Name,
            Path = shown + "/" + e.Name }));
        return reply;
    }
}
