using System.CommandLine;
using System.Text.Json;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Probing;
using MediaLibrary.Common.Walking;

namespace MediaLibrary.Cli.Commands;

/// <summary><c>mlm verify [PATH...]</c>: decode the catalog's videos to find damage ffprobe misses (opt-in: slow).</summary>
public static class VerifyCommand
{
    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Only videos under these folders (default: every video in the catalog)",
            Arity = ArgumentArity.ZeroOrMore }.Checked(mustExist: true);
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var workers = new Option<int>("--workers") { Description = "Files decoded at once", DefaultValueFactory = _ => Math.Max(1,
            Environment.ProcessorCount / 2) }.InRange(1, 256);
        var command = new Command("verify", "Decode every video fully with ffmpeg and list the damaged ones (exit 1 when any)") { paths, json, workers };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            List<CatalogRecord> videos;
            string where;
            using (var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!))
            {
                var roots = (parse.GetValue(paths) ?? []).Select(FileWalker.NormalizeRoot).ToList();
                videos = catalog.ListFiles(FileKind.Video, null, null, false, null, int.MaxValue)
                    .Where(r => roots.Count == 0 || roots.Any(root => WalkOrder.IsUnder(r.Path, root)))
                    .ToList();
                where = catalog.Path;
            }
            // The catalog is closed while decoding (minutes): other mlm commands can use it meanwhile.
            var verifier = new DecodeVerifier(TimeSpan.FromMinutes(30));
            var damaged = new System.Collections.Concurrent.ConcurrentBag<(string Path, string Reason)>();
            await Parallel.ForEachAsync(videos, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(workers)),
                CancellationToken = ct }, async (v, token) =>
            {
                if (await verifier.VerifyAsync(v.Path, token) is { } reason)
                {
                    damaged.Add((v.Path, reason));
                }
            });
            var sorted = damaged.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    version = JsonReports.Version,
                    catalog = where,
                    checked_count = videos.Count,
                    damaged = sorted.Select(d => new { path = d.Path, reason = d.Reason }),
                }, JsonReports.Serializer));
            }
            else
            {
                foreach (var (path, reason) in sorted)
                {
                    output.WriteLine($"damaged: {DisplayText.Escape(path)}: {reason}");
                }
                if (!parse.GetValue(global.Quiet))
                {
                    output.WriteLine($"Decoded {videos.Count} videos: {sorted.Count} damaged.");
                }
            }
            return sorted.Count > 0 ? ExitCodes.PartialErrors : ExitCodes.Ok;
        });
        return command;
    }
}
