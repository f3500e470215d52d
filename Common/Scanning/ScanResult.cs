using MediaLibrary.Common.Hashing;

namespace MediaLibrary.Common.Scanning;

/// <summary>What a finished (or cancelled) scan did.</summary>
/// <param name="Progress">Final tallies.</param>
/// <param name="Hashing">Bytes and files read for hashing.</param>
/// <param name="Errors">The first errors, with paths (all are counted in <see cref="ScanProgress.Errors"/>).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Cancelled">True when stopped early; records written so far are kept, nothing is marked gone.</param>
public sealed record ScanResult(ScanProgress Progress, HashCounters Hashing, IReadOnlyList<ScanError> Errors, TimeSpan Elapsed, bool Cancelled);
