using System.Globalization;
using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>
/// The LiteDB catalog: file records and root scans, opened by one process at a time (see
/// <see cref="CatalogLock"/>). The same class backs the CLI's embedded catalog and the host's.
/// </summary>
public sealed class CatalogStore : IDisposable
{
    private const string FilesCollection = "files";
    private const string RootsCollection = "roots";
    // LiteDB's default mapper trims strings and turns "" into null: a path with a trailing space
    // would change, and an empty file's sample hash ("" in the contract) would vanish.
    private static readonly BsonMapper Mapper = new() { TrimWhitespace = false, EmptyStringToNull = false };
    private readonly CatalogLock? _lock;
    private readonly LiteDatabase _db;

    private CatalogStore(string path, CatalogLock? fileLock, LiteDatabase db)
    {
        Path = path;
        _lock = fileLock;
        _db = db;
        Files = db.GetCollection<CatalogRecord>(FilesCollection);
        Roots = db.GetCollection<RootScan>(RootsCollection);
        Files.EnsureIndex(r => r.Size);
        Files.EnsureIndex(r => r.Kind);
    }

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>File records.</summary>
    public ILiteCollection<CatalogRecord> Files { get; }

    /// <summary>Root scans.</summary>
    public ILiteCollection<RootScan> Roots { get; }

    /// <summary>Opens (creating if needed) the catalog at <paramref name="path"/>, holding its lock.</summary>
    /// <exception cref="CatalogException">Held by another process, or not a readable catalog.</exception>
    public static CatalogStore Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogException($"cannot create the catalog's folder for {path}: {e.Message}", e);
        }
        var fileLock = CatalogLock.Acquire(path);
        try
        {
            EnsureLiteDbFile(path);
            var connection = new ConnectionString
            {
                Filename = path,
                Connection = ConnectionType.Direct,
                // Ordinal, case-sensitive: Linux paths differ by case, and key order must be the walk's.
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            };
            var db = new LiteDatabase(connection, Mapper);
            return new CatalogStore(path, fileLock, db);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // LiteDB reports a damaged file with whatever its parser hit (even ArgumentOutOfRange).
            fileLock.Dispose();
            throw new CatalogException($"cannot open catalog {path}: {e.Message}", e);
        }
    }

    // LiteDB rewrites the header of a file it does not recognise; a wrong --catalog must not
    // damage someone's file, so anything that is not empty and not LiteDB is refused untouched.
    private static void EnsureLiteDbFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }
        Span<byte> header = stackalloc byte[64];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        if (!header[32..59].SequenceEqual("** This is a LiteDB file **"u8))
        {
            throw new CatalogException($"cannot open catalog {path}: not a LiteDB catalog (refusing to touch it)");
        }
    }

    /// <summary>Records at or under <paramref name="root"/> of <paramref name="source"/>, in walk order,
    /// read in short pages so a long scan never holds a read cursor or the whole set.</summary>
    public IEnumerable<CatalogRecord> StreamUnder(string source, string root, int pageSize = 2000)
    {
        var end = CatalogKey.RangeEnd(source, root);
        var from = CatalogKey.RangeStart(source, root);
        bool inclusive = true;
        while (true)
        {
            var page = Files.Find(Query.Between("_id", from, end), 0, pageSize)
                .Where(r => inclusive || !string.Equals(r.Id, from, StringComparison.Ordinal))
                .ToList();
            foreach (var record in page)
            {
                if (string.CompareOrdinal(record.Id, end) < 0 && Scanning.WalkOrder.IsUnder(record.Path, root))
                {
                    yield return record;
                }
            }
            if (page.Count < pageSize - (inclusive ? 0 : 1))
            {
                yield break;
            }
            from = page[^1].Id;
            inclusive = false;
        }
    }

    /// <summary>Writes records in one transaction (LiteDB's bulk path; one by one is 20× slower).</summary>
    public void Upsert(IReadOnlyCollection<CatalogRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }
        _db.BeginTrans();
        try
        {
            Files.Upsert(records);
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    /// <summary>Present, hashed, non-junk records of at least <paramref name="minSize"/> bytes, largest
    /// first. Read in pages that always end on a size boundary, so callers may write between sizes.</summary>
    public IEnumerable<CatalogRecord> HashedBySizeDescending(long minSize, int pageSize = 5000)
    {
        long below = long.MaxValue; // exclusive upper bound of the next page
        while (true)
        {
            long upper = below;
            var page = Files.Query()
                .Where(r => r.Size >= minSize && r.Size < upper)
                .OrderByDescending(r => r.Size)
                .Limit(pageSize)
                .ToList();
            if (page.Count < pageSize)
            {
                foreach (var r in page.Where(IsHashedPresent))
                {
                    yield return r;
                }
                yield break;
            }
            long last = page[^1].Size;
            if (page[0].Size == last)
            {
                // One size fills the page: read that size whole.
                foreach (var r in Files.Find(r => r.Size == last).Where(IsHashedPresent).ToList())
                {
                    yield return r;
                }
                below = last;
                continue;
            }
            // The smallest size may go on past the page: the next page starts with it again.
            foreach (var r in page.Where(r => r.Size != last && IsHashedPresent(r)))
            {
                yield return r;
            }
            below = last + 1;
        }
    }

    private static bool IsHashedPresent(CatalogRecord r) =>
        !r.Gone && r.Kind != Classification.FileKind.Junk && r.SampleHash is not null && r.Error is null;

    /// <summary>Present junk records, by path.</summary>
    public IEnumerable<CatalogRecord> Junk() =>
        Files.Find(Query.EQ(nameof(CatalogRecord.Kind), Classification.FileKind.Junk))
            .Where(r => !r.Gone)
            .OrderBy(r => r.Id, StringComparer.Ordinal);

    /// <summary>Releases the database, then the lock.</summary>
    public void Dispose()
    {
        _db.Dispose();
        _lock?.Dispose();
    }
}
