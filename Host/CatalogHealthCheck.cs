using MediaLibrary.Common.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaLibrary.Host;

/// <summary>The host's health is its catalog's: open and answering, its file writable, and room
/// left on its disk (LiteDB fails writes, and with them every ingest, when the disk is full).</summary>
public sealed class CatalogHealthCheck(CatalogStore catalog) : IHealthCheck
{
    /// <summary>Below this the host still works but will not for long.</summary>
    public const long LowSpaceBytes = 1L << 30;

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = catalog.Generation; // a read through the engine: the catalog is open and answers
            var file = new FileInfo(catalog.Path);
            if (file.Exists && file.IsReadOnly)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"catalog {catalog.Path} is read-only"));
            }
            var free = new DriveInfo(file.DirectoryName!).AvailableFreeSpace;
            var data = new Dictionary<string, object> { ["catalog"] = catalog.Path, ["free_bytes"] = free };
            return Task.FromResult(free < LowSpaceBytes
                ? HealthCheckResult.Degraded($"{free} bytes free on the catalog's disk", data: data)
                : HealthCheckResult.Healthy("catalog open and writable", data));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or LiteDB.LiteException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("catalog: " + e.Message, e));
        }
    }
}
