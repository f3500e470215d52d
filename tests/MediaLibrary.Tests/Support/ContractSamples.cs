namespace MediaLibrary.Tests.Support;

/// <summary>The earlier system's captured messages, in ../shared/contract-samples beside the repository.</summary>
internal static class ContractSamples
{
    public static string Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaLibrary.sln")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "contract-samples", name);
                return File.ReadAllText(path);
            }
        }
        throw new FileNotFoundException("MediaLibrary.sln not found above the test binaries", name);
    }
}
