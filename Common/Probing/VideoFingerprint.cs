namespace MediaLibrary.Common.Probing;

/// <summary>A compact visual signature: 64-bit perceptual hashes of frames at fixed relative
/// positions (the first and last 5 % skipped: intros and credits), plus the duration.</summary>
/// <param name="Duration">Seconds.</param>
/// <param name="Frames">One pHash per sampled frame, in time order.</param>
public sealed record VideoFingerprint(double Duration, IReadOnlyList<ulong> Frames)
{
    /// <summary>Frames sampled per video.</summary>
    public const int FrameCount = 16;

    /// <summary>Relative position (0..1) of frame <paramref name="i"/>.</summary>
    public static double Position(int i) => 0.05 + (0.9 * (i + 0.5) / FrameCount);
}
