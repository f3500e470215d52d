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
    // Fault injection for the crash tests: MLM_CRASH_AFTER_JOURNAL_WRITES=N kills the process right
    // after the Nth journal write, as a power cut would.
    private static PlanExecutor Executor(CatalogStore catalog)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("MLM_CRASH_AFTER_JOURNAL_WRITES"), out var crashAt))
        {
            int writes = 0;
            return new PlanExecutor(catalog, () =>
            {
                if (++writes == crashAt)
                {
                    Environment.FailFast("crash injection");
                }
            });
        }
        return new PlanExecutor(catalog);
    }

    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Only videos under these folders (default: every video in the catalog)", Arity = ArgumentArity.ZeroOrMore };
        var template = new Option<string>("--template") { Description = "Naming template, e.g. '{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}'", Required = true };
        var dest = new Option<string>("--dest") { Description = "Folder the template's paths start from", Required = true };
        var policy = new Option<ConflictPolicy>("--on-conflict") { Description = "skip (default) or suffix: what to do when a target is taken; nothing is ever overwritten", DefaultValueFactory = _ => ConflictPolicy.Skip };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var apply = new Option<bool>("--apply") { Description = "Move the files (journaled; 'mlm organize undo PLAN' moves them back)" };
        var mode = new Option<OrganizeMode>("--mode") { Description = "move (default), copy, hardlink or symlink", DefaultValueFactory = _ => OrganizeMode.Move };
        var command = new Command("organize", "Show where a naming template would move each video and its subtitles (a dry run unless --apply)")
        {
            paths, template, dest, policy, json, apply, mode,
        };
        var planId = new Argument<string>("PLAN") { Description = "The plan id --apply printed" };
        var undo = new Command("undo", "Move every file of an applied plan back to where it was") { planId };
        undo.SetAction(parse =>
        {
            using var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!);
            var executor = Executor(catalog);
            executor.Recover();
            try
            {
                int n = executor.Undo(parse.GetValue(planId)!);
                parse.InvocationConfiguration.Output.WriteLine($"Undone: {n} files moved back.");
                return ExitCodes.Ok;
            }
            catch (ArgumentException e)
            {
                parse.InvocationConfiguration.Error.WriteLine("mlm: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        command.Add(undo);
        var plans = new Command("plans", "List applied (or interrupted) organize plans, oldest first");
        plans.SetAction(parse =>
        {
            using var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!);
            var executor = Executor(catalog);
            executor.Recover();
            foreach (var (id, status, at) in executor.Plans())
            {
                parse.InvocationConfiguration.Output.WriteLine($"{id}\t{status}\t{at}");
            }
            return ExitCodes.Ok;
        });
        command.Add(plans);
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
            string? applied = null;
            using (var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!))
            {
                var executor = Executor(catalog);
                // An earlier apply that was killed is finished first, from its journal.
                if (executor.Recover() is > 0 and var recovered)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"mlm: finished {recovered} steps of an interrupted organize");
                }
                plan = new OrganizePlanner(catalog, naming, Path.GetFullPath(parse.GetValue(dest)!), parse.GetValue(policy)).Plan(parse.GetValue(paths) ?? []);
                if (parse.GetValue(apply))
                {
                    applied = executor.Apply(plan, parse.GetValue(mode));
                }
            }
            if (applied is not null)
            {
                await output.WriteLineAsync($"Applied plan {applied}: {plan.Count(e => e.Conflict is null && !e.InPlace)} files ({parse.GetValue(mode).ToString().ToLowerInvariant()}), {plan.Count(e => e.Conflict is not null)} conflicts left alone. Undo: mlm organize undo {applied}");
                return ExitCodes.Ok;
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
