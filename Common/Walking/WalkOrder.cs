namespace MediaLibrary.Common.Walking;

/// <summary>
/// The walk's order: siblings sorted ordinally by name, with a directory sorted as "name/". That
/// makes depth-first order equal to the ordinal order of full paths, so a cursor "last path done"
/// is a plain string comparison and the walk can be merged with a catalog index sorted by path.
/// </summary>
public static class WalkOrder
{
    /// <summary>The comparer that orders paths as the walk yields them.</summary>
    public static StringComparer Comparer => StringComparer.Ordinal;

    /// <summary>The key a sibling sorts by.</summary>
    public static string SortKey(string name, bool isDirectory) => isDirectory ? name + "/" : name;

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsUnder(string path, string root) =>
        path.Length == root.Length
            ? string.Equals(path, root, StringComparison.Ordinal)
            : path.StartsWith(root, StringComparison.Ordinal)
              && (root.EndsWith('/') || path[root.Length] == '/');
}
