namespace MediaLibrary.Tests.Support;

/// <summary>The earlier system's captured messages (docs/contract/CONTRACT.md describes them),
/// kept as test data in Data/contract-samples so a clone alone runs its tests.</summary>
internal static class ContractSamples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "contract-samples", name));
}
