using System.Text.Json;
using MediaLibrary.Common.Duplicates;
using Spectre.Console;

namespace MediaLibrary.Cli.Output;

/// <summary><c>mlm dupes --near</c> for people (a table) and scripts (JSON, version 1).</summary>
public static class NearReport
{
    public static void Write(TextWriter output, IReadOnlyList<NearDuplicateGroup> groups, IReadOnlyList<PartialCopy> partials, string catalog, bool json)
    {
        if (json)
        {
            var doc = new
            {
                version = JsonReports.Version,
                catalog,
                group_count = groups.Count,
                reclaimable_bytes = groups.Sum(g => g.ReclaimableBytes),
                groups = groups.Select(g => new
                {
                    max_distance = Math.Round(g.MaxDistance, 2),
                    reclaimable_bytes = g.ReclaimableBytes,
                    files = g.Members.Select((m, i) => new
                    {
                        path = m.Path,
                        size = m.Size,
                        best = i == 0,
                        duration = m.Media?.Duration ?? 0,
                        width = m.Media?.Width ?? 0,
                        height = m.Media?.Height ?? 0,
                        bitrate = m.Media?.Bitrate ?? 0,
                        video_codec = m.Media?.VideoCodec ?? "",
                        container = m.Media?.Container ?? "",
                    }),
                }),
                partial_copies = partials.Select(p => new { partial = p.Partial.Path, partial_size = p.Partial.Size, complete = p.Complete.Path,
                    complete_size = p.Complete.Size }),
            };
            output.WriteLine(JsonSerializer.Serialize(doc, JsonReports.Serializer));
            return;
        }
        var console = ConsoleFactory.Over(output, ConsoleFactory.IsTerminal(output));
        int n = 0;
        foreach (var g in groups)
        {
            n++;
            var table = new Table().Border(TableBorder.Simple).Title(new TableTitle($"Group {n}: {ByteSize.Format(g.ReclaimableBytes)} reclaimable"))
                .AddColumn("Keep").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Video").AddColumn("Path");
            foreach (var (m, i) in g.Members.Select((m, i) => (m, i)))
            {
                var v = m.Media is { } media ? $"{media.Width}x{media.Height} {media.VideoCodec} {media.Bitrate / 1000} kb/s {media.Duration:0.0} s" : "";
                table.AddRow(new Text(i == 0 ? "best" : ""), new Text(ByteSize.Format(m.Size)), new Text(v), new Text(DisplayText.Escape(m.Path)));
            }
            console.Write(table);
        }
        foreach (var p in partials)
        {
            console.WriteLine($"Probable incomplete copy: {DisplayText.Escape(p.Partial.Path)} ({ByteSize.Format(p.Partial.Size)}) starts like " +
                $"{DisplayText.Escape(p.Complete.Path)} ({ByteSize.Format(p.Complete.Size)})");
        }
        console.WriteLine(groups.Count == 0 && partials.Count == 0
            ? "No near-duplicates (videos need 'mlm scan --media' first)."
            : $"{groups.Count} near-duplicate groups, {ByteSize.Format(groups.Sum(g => g.ReclaimableBytes))} reclaimable; {partials.Count} probable " +
                $"incomplete copies.");
    }
}
