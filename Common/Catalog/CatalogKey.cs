namespace MediaLibrary.Common.Catalog;

/// <summary>
/// Record keys "source NUL path". NUL cannot occur in a path, and sorts below every other
/// character, so ordinal key order is source order, then the walk's path order.
/// </summary>
public static class CatalogKey
{
    /// <summary>The source of the embedded catalog.</summary>
    public const string LocalSource = "local";

    /// <summary>Why a path is refused by <see cref="Fits"/>.</summary>
    public const string TooLongReason = "path too long for the catalog (its key must stay under 1,000 UTF-8 bytes)";

    /// <summary>LiteDB refuses index keys of 1,023 bytes or more (the whole batch would fail).</summary>
    public static bool Fits(string source, string path) =>
        path.Length + source.Length < 330 || System.Text.Encoding.UTF8.GetByteCount(path) + System.Text.Encoding.UTF8.GetByteCount(source) < 1000;

    /// <summary>Key of (source, path).</summary>
    public static string Of(string source, string path) => source + "\0" + path;

    /// <summary>Smallest key of anything at or under <paramref name="root"/>.</summary>
    public static string RangeStart(string source, string root) => Of(source, root);

    /// <summary>A key above everything under <paramref name="root"/> ("/a" → "/a0", '0' following '/').</summary>
    public static string RangeEnd(string source, string root) =>
        root == "/" ? source + "\u0001" : Of(source, root + "0");
}
