using System.CommandLine;
using System.Text.Json;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Organizing;
using Spectre.Console;

namespace MediaLibrary.Cli.Commands;

/// <summary><c>mlm organize --template T --dest DIR [PATH...]</c>: the plan of a tidy-up, as a dry run.</summary>
public static class OrganizeCommand
{
    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Only videos under these folders (default: every video in the catalog)", Arity = ArgumentArity.ZeroOrMore };
        var template = new Option<string>("--template") { Description = "Naming template, e.g. '{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}'", Required = true };
        var dest = new Option<string>("--dest") { Description = "Folder the template's paths start from", Required = true };
        var policy = new Option<ConflictPolicy>("--on-conflict") { Description = "skip (default) or suffix: what to do when a target is taken; nothing is ever overwritten", DefaultValueFactory = _ => ConflictPolicy.Skip };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var command = new Command("organize", "Show where a naming template would move each video and its subtitles (a dry run: nothing moves)")
        {
            paths, template, dest, policy, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            NamingTemplate naming;
            try
            {
                naming = new NamingTemplate(parse.GetValue(template)!);
            }
            catch (TemplateException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("mlm: template: " + e.Message);
                return ExitCodes.Usage;
            }
            List<PlanEntry> plan;
            using (var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!))
            {
                plan = new OrganizePlanner(catalog, naming, Path.GetFullPath(parse.GetValue(dest)!), parse.GetValue(policy)).Plan(parse.GetValue(paths) ?? []);
            }
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    version = JsonReports.Version,
                    dry_run = true,
                    moves = plan.Count(e => e.Conflict is null && !e.InPlace),
                    conflicts = plan.Count(e => e.Conflict is not null),
                    entries = plan.Select(e => new { source = e.Source, target = e.Target, size = e.Size, sidecar_of = e.SidecarOf, in_place = e.InPlace, conflict = e.Conflict }),
                }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return ExitCodes.Ok;
            }
            var console = ConsoleFactory.Over(output, ConsoleFactory.IsTerminal(output));
            if (plan.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple).AddColumn("Source").AddColumn("Target").AddColumn("Status");
                foreach (var e in plan)
                {
                    var status = e.Conflict ?? (e.InPlace ? "in place" : e.SidecarOf is null ? "move" : "move (follows its video)");
                    table.AddRow(new Text(DisplayText.Escape(e.Source)), new Text(DisplayText.Escape(e.Target)), new Text(status));
                }
                console.Write(table);
            }
            console.WriteLine($"Dry run: {plan.Count(e => e.Conflict is null && !e.InPlace)} moves, {plan.Count(e => e.Conflict is not null)} conflicts, {plan.Count(e => e.InPlace)} in place. Nothing was moved.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
