using System.CommandLine;
using MediaLibrary.Cli.Output;
using MediaLibrary.Cli.Remote;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Duplicates;
using Spectre.Console;

namespace MediaLibrary.Cli.Commands;

/// <summary><c>mlm dupes</c>: exact duplicate groups from the catalog, largest savings first.</summary>
public static class DupesCommand
{
    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (see README for the shape)" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV, one row per file" };
        var minSize = SizeOption.Create("--min-size", "Ignore files smaller than this", 1);
        var near = new Option<bool>("--near") { Description = "Videos that look the same (remux, re-encode, trim), from 'mlm scan --media' fingerprints, " +
            "and probable partial downloads" };
        var workers = new Option<int>("--workers") { Description = "Files hashed at once", DefaultValueFactory = _ => Math.Max(2,
            Environment.ProcessorCount) }.InRange(1, 256);
        var command = new Command("dupes", "List groups of identical files (size, then sample hash, then full hash)")
        {
            json, csv, minSize, workers, near,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(json) && r.GetValue(csv))
            {
                r.AddError("--json and --csv cannot be combined");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var host = HostOption.Connect(parse, global);
            if (parse.GetValue(near))
            {
                if (host is not null)
                {
                    // Partial downloads need the files' first bytes: only the embedded catalog can look.
                    NearReport.Write(output, await HostQueries.NearAsync(host.Catalog, ct), [], host.Address.ToString(), parse.GetValue(json));
                    return ExitCodes.Ok;
                }
                using var local = CatalogStore.Open(parse.GetValue(global.Catalog)!);
                var finder = new NearDuplicateFinder(local);
                NearReport.Write(output, finder.Find(ct), finder.FindPartials(), local.Path, parse.GetValue(json));
                return ExitCodes.Ok;
            }
            DuplicateReport report;
            string where;
            if (host is not null)
            {
                report = await HostQueries.DuplicatesAsync(host.Catalog, parse.GetValue(minSize), ct);
                where = host.Address.ToString();
            }
            else
            {
                using var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!);
                report = new DuplicateFinder(catalog, new DuplicateOptions(parse.GetValue(minSize), Math.Max(1, parse.GetValue(workers)))).Find(ct);
                where = catalog.Path;
            }
            if (report.AwaitingFullHash > 0)
            {
                await error.WriteLineAsync($"mlm: {report.AwaitingFullHash} candidate files await full hashes from their agents (off-peak) and are not " +
                    $"reported yet");
            }
            foreach (var s in report.Skipped)
            {
                error.WriteLine($"mlm: {DisplayText.Escape(s.Path)}: {s.Reason}");
            }
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonReports.Dupes(report, where));
            }
            else if (parse.GetValue(csv))
            {
                WriteCsv(output, report);
            }
            else
            {
                WriteTable(output, report, parse.GetValue(global.Quiet));
            }
            return report.Skipped.Count > 0 ? ExitCodes.PartialErrors : ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteCsv(TextWriter output, DuplicateReport report)
    {
        output.WriteLine("group,size,reclaimable_bytes,algo,hash,source,path,device,inode,hardlink_of");
        int n = 0;
        foreach (var g in report.Groups)
        {
            n++;
            foreach (var m in g.Members)
            {
                output.WriteLine(CsvText.Line(
                    n.ToString(System.Globalization.CultureInfo.InvariantCulture), Num(g.Size), Num(g.ReclaimableBytes), g.Algorithm, g.Hash,
                    m.Source, m.Path, m.Device.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    m.Inode.ToString(System.Globalization.CultureInfo.InvariantCulture), m.HardlinkOf));
            }
        }
    }

    private static string Num(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteTable(TextWriter output, DuplicateReport report, bool quiet)
    {
        var console = ConsoleFactory.Over(output, ConsoleFactory.IsTerminal(output));
        if (report.Groups.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("Group").AddColumn(new TableColumn("Size").RightAligned())
                .AddColumn(new TableColumn("Reclaimable").RightAligned()).AddColumn("Path");
            int n = 0;
            foreach (var g in report.Groups)
            {
                n++;
                bool first = true;
                foreach (var m in g.Members)
                {
                    var path = DisplayText.Escape(m.Path) + (m.HardlinkOf is null ? "" : "  (hardlink, same file)");
                    table.AddRow(
                        new Text(first ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
                        new Text(first ? ByteSize.Format(g.Size) : ""),
                        new Text(first ? ByteSize.Format(g.ReclaimableBytes) : ""),
                        new Text(path));
                    first = false;
                }
            }
            console.Write(table);
        }
        if (!quiet || report.Groups.Count == 0)
        {
            console.WriteLine(report.Groups.Count == 0
                ? "No duplicates."
                : $"{report.Groups.Count:N0} groups, {report.FileCount:N0} files, {ByteSize.Format(report.ReclaimableBytes)} reclaimable.");
        }
    }
}
