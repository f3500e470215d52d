using System.CommandLine;
using MediaLibrary.Cli.Output;
using MediaLibrary.Cli.Remote;
using MediaLibrary.Common.Catalog;
using Spectre.Console;

namespace MediaLibrary.Cli.Commands;

/// <summary><c>mlm junk</c>: junk files in the catalog, with the pattern that made each junk.</summary>
public static class JunkCommand
{
    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (see README for the shape)" };
        var command = new Command("junk", "List junk files (partial downloads, archives, OS litter) and their total size") { json };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var host = HostOption.Connect(parse, global);
            IReadOnlyList<JunkEntry> junk;
            string where;
            if (host is not null)
            {
                junk = await HostQueries.JunkAsync(host.Catalog, ct);
                where = host.Address.ToString();
            }
            else
            {
                using var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!);
                junk = catalog.Junk();
                where = catalog.Path;
            }
            if (parse.GetValue(json))
            {
                JsonReports.Junk(output, junk, where);
                return ExitCodes.Ok;
            }
            var console = ConsoleFactory.Over(output, ConsoleFactory.IsTerminal(output));
            if (junk.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple)
                    .AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Reason").AddColumn("Path");
                foreach (var r in junk)
                {
                    table.AddRow(new Text(ByteSize.Format(r.Size)), new Text(r.Reason), new Text(DisplayText.Escape(r.Path)));
                }
                console.Write(table);
            }
            if (!parse.GetValue(global.Quiet) || junk.Count == 0)
            {
                console.WriteLine(junk.Count == 0 ? "No junk." : $"{junk.Count:N0} junk files, {ByteSize.Format(junk.Sum(r => r.Size))}.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
