namespace MediaLibrary.Common.Catalog;

/// <summary>A compact visual signature: two 64-bit perceptual hashes of frames at fixed relative
/// positions (the first and last 5 % skipped: intros and credits), plus the duration.</summary>
/// <param name="Duration">Seconds.</param>
/// <param name="Frames">One DCT pHash per sampled frame, in time order.</param>
/// <param name="Gradients">One difference hash per sampled frame: stable where the pHash is not
/// (pictures with little structure, such as colour bars).</param>
public sealed record VideoFingerprint(double Duration, IReadOnlyList<ulong> Frames, IReadOnlyList<ulong> Gradients)
{
    /// <summary>Frames sampled per video.</summary>
    public const int FrameCount = 16;

    /// <summary>Relative position (0..1) of frame <paramref name="i"/>.</summary>
    public static double Position(int i) => 0.05 + (0.9 * (i + 0.5) / FrameCount);
}
