using System.Diagnostics;

namespace MediaLibrary.Tests.Support;

/// <summary>Small real media made with Debian's ffmpeg (installed by setup.sh), for probing tests.</summary>
internal static class TestMedia
{
    /// <summary>A 2 s 320x240 H.264 + AAC clip.</summary>
    public static string Video(string path, string source = "testsrc")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Run("-f", "lavfi", "-i", $"{source}=duration=2:size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path);
        return path;
    }

    private static void Run(params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg", ["-loglevel", "error", "-y", .. args]) { RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, "ffmpeg failed: " + err);
    }
}
