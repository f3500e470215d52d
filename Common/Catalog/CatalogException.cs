namespace MediaLibrary.Common.Catalog;

/// <summary>The catalog cannot be used (held by another process, unreadable, corrupt); the message says which.</summary>
public sealed class CatalogException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when another process holds the catalog.</summary>
    public bool Busy { get; init; }
}
