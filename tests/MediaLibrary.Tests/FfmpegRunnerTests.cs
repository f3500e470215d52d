using MediaLibrary.Common.Probing;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>The one ffmpeg runner, through every caller: names that look like options, protocols,
/// quotes or line breaks are files; timeouts kill; stderr is bounded; reasons are stable.</summary>
[TestClass]
public sealed class FfmpegRunnerTests
{
    private static readonly string[] OddNames = ["-i.mkv", "http:x.mkv", "concat:a|b.mkv", "quote\"d 'name'.mkv", "new\nline.mkv", "$(echo no).mkv"];

    [TestMethod]
    public async Task EveryCaller_OnOddNames_ReadsTheFileItself()
    {
        using var tree = new TempTree();
        var clip = TestMedia.Video(Path.Combine(tree.Root, "clip.mp4"), seconds: 2);
        var prober = new MediaProber(TimeSpan.FromSeconds(30));
        var fingerprinter = new VideoFingerprinter(TimeSpan.FromSeconds(60));
        var verifier = new DecodeVerifier(TimeSpan.FromSeconds(60));
        foreach (var name in OddNames)
        {
            var path = Path.Combine(tree.Root, name);
            File.Copy(clip, path);
            var media = await prober.ProbeAsync(path, CancellationToken.None);
            Assert.AreEqual("", media.ProbeError, name);
            Assert.AreEqual(320, media.Width, name);
            var (fingerprint, error) = await fingerprinter.ComputeAsync(path, media.Duration, CancellationToken.None);
            Assert.IsNotNull(fingerprint, $"{name}: {error}");
            Assert.IsNull(await verifier.VerifyAsync(path, CancellationToken.None), name);
        }
    }

    [TestMethod]
    public async Task Run_OverItsTimeout_IsKilledAndSaysSo()
    {
        var started = DateTime.UtcNow;
        var run = await FfmpegRunner.RunAsync("ffmpeg", ["-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=duration=60", "-f", "null", "-"],
            TimeSpan.FromMilliseconds(500), CancellationToken.None);
        Assert.IsTrue(run.TimedOut);
        Assert.IsLessThan(TimeSpan.FromSeconds(20), DateTime.UtcNow - started, "killed, not waited for");
    }

    [TestMethod]
    public async Task Run_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<OperationCanceledException>(() => FfmpegRunner.RunAsync("ffmpeg",
            ["-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=duration=60", "-f", "null", "-"], TimeSpan.FromSeconds(60), cancel.Token));
    }

    [TestMethod]
    public async Task Run_ALoudFailure_KeepsABoundedStderr()
    {
        // -v debug on a generated input prints far more than the bound.
        var run = await FfmpegRunner.RunAsync("ffmpeg", ["-nostdin", "-v", "debug", "-f", "lavfi", "-i", "testsrc=duration=2", "-f", "null", "-"],
            TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.AreEqual(0, run.ExitCode);
        Assert.IsLessThanOrEqualTo(FfmpegRunner.MaxErrorChars, run.Error.Length);
        Assert.IsGreaterThan(100, run.Error.Length);
    }

    [TestMethod]
    public void Stable_DropsAddresses()
    {
        Assert.AreEqual("[matroska,webm] Read error", FfmpegRunner.Stable("[matroska,webm @ 0x55d4c2a1b2c0] Read error"));
    }
}
