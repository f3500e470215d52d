using System.Diagnostics;

namespace MediaLibrary.Tests.Support;

/// <summary>Small real media made with Debian's ffmpeg (installed by setup.sh), for probing tests.</summary>
internal static class TestMedia
{
    /// <summary>A 320x240 (unless said) H.264 + AAC clip (2 s unless said).</summary>
    public static string Video(string path, string source = "testsrc", int seconds = 2, string size = "320x240")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Run("-f", "lavfi", "-i", $"{source}=size={size}:rate=25", "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}",
            "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path);
        return path;
    }

    /// <summary>Runs ffmpeg with these arguments (after -y -loglevel error).</summary>
    public static void Run(params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg", ["-loglevel", "error", "-y", .. args]) { RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, "ffmpeg failed: " + err);
    }

    /// <summary>Runs a command-line tool (chattr...) and fails the test if it fails.</summary>
    public static void RunTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, $"{tool} failed: {err}");
    }
}
