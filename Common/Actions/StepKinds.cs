using MediaLibrary.Common.Actions.Kinds;

namespace MediaLibrary.Common.Actions;

/// <summary>Every step kind the product knows, by journal name.</summary>
public static class StepKinds
{
    /// <summary>Move, copy, hardlink and symlink.</summary>
    public static readonly IReadOnlyDictionary<string, IStepKind> All =
        new IStepKind[] { new MoveStep(), new CopyStep(), new HardlinkStep(), new SymlinkStep() }.ToDictionary(k => k.Name, StringComparer.Ordinal);
}
