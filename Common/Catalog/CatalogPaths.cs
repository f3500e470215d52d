namespace MediaLibrary.Common.Catalog;

/// <summary>Where the embedded catalog lives when no --catalog is given.</summary>
public static class CatalogPaths
{
    /// <summary><c>$MLM_CATALOG</c>, else <c>$XDG_DATA_HOME/mlm/catalog.db</c>, else <c>~/.local/share/mlm/catalog.db</c>.</summary>
    public static string Default()
    {
        var explicitPath = Environment.GetEnvironmentVariable("MLM_CATALOG");
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome) || !Path.IsPathRooted(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, "mlm", "catalog.db");
    }
}
