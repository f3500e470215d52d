using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Probing;

namespace MediaLibrary.Common.Duplicates;

/// <summary>How alike two videos look, from their fingerprints.</summary>
public static class NearMatch
{
    /// <summary>Frames are compared with frames of the other video within this relative distance:
    /// a few seconds trimmed shifts where the same picture sits.</summary>
    public const double Window = 0.15;

    /// <summary>Mean, over the frames of both videos, of the distance (0–64) to the closest frame of the
    /// other within <see cref="Window"/>; 0 for the same pictures. A frame pair's distance is the mean
    /// of its pHash and difference-hash distances: each covers the other's weak pictures.</summary>
    public static double Distance(VideoFingerprint a, VideoFingerprint b) => (OneWay(a, b) + OneWay(b, a)) / 2;

    /// <summary>True when durations agree within the tolerance (the larger of 6 s and 30 %): wide
    /// enough for trimmed intros and credits; the frames decide the rest.</summary>
    public static bool DurationsAgree(double a, double b) => Math.Abs(a - b) <= Math.Max(6.0, 0.3 * Math.Max(a, b));

    private static double OneWay(VideoFingerprint a, VideoFingerprint b)
    {
        double total = 0;
        for (int i = 0; i < a.Frames.Count; i++)
        {
            double position = VideoFingerprint.Position(i);
            int best = 64;
            for (int j = 0; j < b.Frames.Count; j++)
            {
                if (Math.Abs(VideoFingerprint.Position(j) - position) <= Window)
                {
                    int d = (PerceptualHash.Distance(a.Frames[i], b.Frames[j]) + PerceptualHash.Distance(a.Gradients[i], b.Gradients[j]) + 1) / 2;
                    best = Math.Min(best, d);
                }
            }
            total += best;
        }
        return a.Frames.Count == 0 ? 64 : total / a.Frames.Count;
    }
}
