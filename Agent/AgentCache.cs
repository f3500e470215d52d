using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Agent;

/// <summary>The agent's LiteDB file: its file cache (a catalog of what it scanned), cursors and
/// outbox. Held open for the agent's life; cleared only when that loses nothing.</summary>
public sealed class AgentCache : IDisposable
{
    private readonly Lock _gate = new();

    public AgentCache(string path, bool clear)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (clear)
        {
            DeleteFiles();
        }
        Store = CatalogStore.Open(Path);
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>The open catalog.</summary>
    public CatalogStore Store { get; private set; }

    /// <summary>Deletes and recreates the cache, unless batches still wait for the host (they would be lost).</summary>
    public bool TryClear(bool scanning, out string? why)
    {
        lock (_gate)
        {
            if (scanning)
            {
                why = "a scan is running";
                return false;
            }
            int waiting = Store.OutboxCount();
            if (waiting > 0)
            {
                why = $"{waiting} batches still wait for the host";
                return false;
            }
            Store.Dispose();
            DeleteFiles();
            Store = CatalogStore.Open(Path);
            why = null;
            return true;
        }
    }

    public void Dispose() => Store.Dispose();

    private void DeleteFiles()
    {
        foreach (var file in new[] { Path, System.IO.Path.ChangeExtension(Path, null) + "-log" + System.IO.Path.GetExtension(Path) })
        {
            File.Delete(file);
        }
    }
}
