using System.CommandLine;
using System.Text.RegularExpressions;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Organizing;
using MediaLibrary.Common.Probing;

namespace MediaLibrary.Cli.Commands;

/// <summary>
/// <c>mlm organize --template T --dest DIR [PATH...]</c>: the plan of a tidy-up, shown and saved
/// (a dry run); <c>mlm organize --apply PLAN</c> carries out a saved plan; <c>--apply</c> with a
/// template plans and applies at once (for cron). <c>undo</c>, <c>plans</c> and <c>show</c> work
/// on the journal.
/// </summary>
public static partial class OrganizeCommand
{
    [GeneratedRegex("^[0-9a-f]{10}$")]
    private static partial Regex PlanIdShape();

    // Fault injection for the tests: MLM_CRASH_AFTER_JOURNAL_WRITES=N kills the process right after
    // the Nth journal write, as a power cut would; MLM_INTERRUPT_AFTER_JOURNAL_WRITES=N sends it a
    // real SIGINT there, as Ctrl+C would.
    private static PlanExecutor Executor(CatalogStore catalog)
    {
        int crashAt = int.TryParse(Environment.GetEnvironmentVariable("MLM_CRASH_AFTER_JOURNAL_WRITES"), out var c) ? c : -1;
        int interruptAt = int.TryParse(Environment.GetEnvironmentVariable("MLM_INTERRUPT_AFTER_JOURNAL_WRITES"), out var i) ? i : -1;
        if (crashAt < 0 && interruptAt < 0)
        {
            return new PlanExecutor(catalog);
        }
        int writes = 0;
        return new PlanExecutor(catalog, () =>
        {
            writes++;
            if (writes == crashAt)
            {
                Environment.FailFast("crash injection");
            }
            if (writes == interruptAt)
            {
                using var kill = System.Diagnostics.Process.Start("bash", ["-c", "kill -INT " + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                Thread.Sleep(200); // the runtime's signal thread cancels the token meanwhile
            }
        });
    }


    /// <summary>Opens the catalog and first finishes an apply or undo that was killed, from its
    /// journal. Ctrl+C meanwhile leaves that plan "stopped" (see 'organize plans') and ends the command.</summary>
    private static (CatalogStore Catalog, PlanExecutor Executor) OpenJournal(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken)
    {
        var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!);
        var executor = Executor(catalog);
        try
        {
            if (executor.Recover(cancellationToken) is > 0 and var recovered)
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlm: finished {recovered} steps of an interrupted organize");
            }
        }
        catch (OperationCanceledException)
        {
            catalog.Dispose();
            parse.InvocationConfiguration.Error.WriteLine("mlm: stopped while finishing an interrupted organize; its plan is 'stopped' (mlm organize plans): resume it with --apply or revert it with undo");
            throw;
        }
        return (catalog, executor);
    }

    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Only videos under these folders (default: every video in the catalog)", Arity = ArgumentArity.ZeroOrMore };
        var template = new Option<string?>("--template") { HelpName = "TEMPLATE", Description = "Naming template, e.g. '{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}'" };
        var dest = new Option<string?>("--dest") { HelpName = "DIR", Description = "Folder the template's paths start from" };
        var policy = new Option<ConflictPolicy>("--on-conflict")
        {
            HelpName = "skip|suffix|better|trash",
            Description = "When a target is taken: skip (default), suffix ('Name (2)'), better (the better copy by resolution/bitrate takes it; a worse file already there goes to the trash), trash (as better, and worse sources go to the trash too). Nothing is ever overwritten or deleted",
            DefaultValueFactory = _ => ConflictPolicy.Skip,
        };
        var trash = new Option<string?>("--trash") { HelpName = "DIR", Description = "Trash folder for copies that give way (default DEST/.mlm-trash)" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        // "--apply" alone applies the plan just made; "--apply PLAN" a saved one. A value not shaped
        // like a plan id ("--apply /some/folder") is one of the PATHs the parser handed to --apply.
        var apply = new Option<string?>("--apply")
        {
            Description = "Carry out a saved plan (--apply PLAN), or the one just made (--apply with --template); journaled, 'mlm organize undo PLAN' reverts it",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "PLAN",
        };
        var mode = new Option<OrganizeMode>("--mode") { Description = "move (default), copy, hardlink or symlink", HelpName = "move|copy|hardlink|symlink", DefaultValueFactory = _ => OrganizeMode.Move };
        var command = new Command("organize", "Plan where a naming template puts each video and its subtitles, show and save the plan (a dry run), or apply a plan")
        {
            paths, template, dest, policy, trash, json, apply, mode,
        };
        command.Add(UndoCommand(global));
        command.Add(PlansCommand(global));
        command.Add(ShowCommand(global));
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(global.Host) is { Length: > 0 })
            {
                parse.InvocationConfiguration.Error.WriteLine("mlm: organize moves this machine's files, from the embedded catalog; it does not work with --host");
                return Task.FromResult(ExitCodes.Usage);
            }
            return Task.FromResult(Organize(parse, cancellationToken));
        });
        return command;

        int Organize(ParseResult parse, CancellationToken cancellationToken)
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var applyId = parse.GetResult(apply) is null ? null : parse.GetValue(apply) ?? "";
            var roots = parse.GetValue(paths) ?? [];
            string? notAPlan = null;
            if (applyId is { Length: > 0 } && !PlanIdShape().IsMatch(applyId))
            {
                notAPlan = applyId;
                roots = [.. roots, applyId];
                applyId = "";
            }
            if (applyId is { Length: > 0 })
            {
                if (parse.GetValue(template) is not null || parse.GetValue(dest) is not null || parse.GetResult(mode) is { Implicit: false }
                    || parse.GetResult(policy) is { Implicit: false } || parse.GetValue(trash) is not null || roots.Length > 0)
                {
                    error.WriteLine("mlm: --apply PLAN carries out a saved plan exactly as it was previewed; leave out PATHs, --template, --dest, --mode, --on-conflict and --trash");
                    return ExitCodes.Usage;
                }
                var (catalog, executor) = OpenJournal(parse, global, cancellationToken);
                using (catalog)
                {
                    return ApplySaved(parse, global, executor, applyId, parse.GetValue(json), cancellationToken);
                }
            }
            if (parse.GetValue(template) is not { } templateText || parse.GetValue(dest) is not { } destination)
            {
                error.WriteLine(notAPlan is null
                    ? "mlm: organize needs --template and --dest (or --apply PLAN to carry out a saved plan)"
                    : $"mlm: '{notAPlan}' is not a plan id (10 hex digits, see 'mlm organize plans'); to plan and apply at once, give --template and --dest");
                return ExitCodes.Usage;
            }
            NamingTemplate naming;
            try
            {
                naming = new NamingTemplate(templateText);
            }
            catch (TemplateException e)
            {
                error.WriteLine("mlm: template: " + e.Message);
                return ExitCodes.Usage;
            }
            var (store, journal) = OpenJournal(parse, global, cancellationToken);
            using (store)
            {
                var organizeMode = parse.GetValue(mode);
                var planner = new OrganizePlanner(store, naming, Path.GetFullPath(destination), parse.GetValue(policy), organizeMode,
                    parse.GetValue(trash) is { } t ? Path.GetFullPath(t) : null, ProbeOccupant);
                var plan = planner.Plan(roots);
                var planId = plan.Any(e => e.Acts) ? journal.Save(plan, organizeMode, $"{templateText} → {Path.GetFullPath(destination)}") : null;
                if (applyId is not null)
                {
                    return planId is null ? Report(parse, global, plan, null, "applied", organizeMode, parse.GetValue(json)) : ApplySaved(parse, global, journal, planId, parse.GetValue(json), cancellationToken);
                }
                return Report(parse, global, plan, planId, "planned", organizeMode, parse.GetValue(json));
            }
        }
    }

    private static int Report(ParseResult parse, GlobalOptions global, IReadOnlyList<PlanEntry> plan, string? planId, string status, OrganizeMode mode, bool json)
    {
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            output.WriteLine(OrganizeReport.ToJson(plan, planId, status, mode));
            return ExitCodes.Ok;
        }
        if (parse.GetValue(global.Quiet))
        {
            return ExitCodes.Ok; // cron: --json or nothing
        }
        OrganizeReport.WriteTable(output, plan, mode);
        output.WriteLine($"Dry run: {plan.Count(e => e.Acts)} moves, {plan.Count(e => e.Conflict is not null)} conflicts, {plan.Count(e => e.InPlace)} in place. Nothing was moved.");
        if (planId is not null)
        {
            output.WriteLine($"Saved as plan {planId}. Apply it: mlm organize --apply {planId}");
        }
        return ExitCodes.Ok;
    }

    // Carries out a saved plan and says what happened; files skipped at apply time (changed since the
    // plan, target taken meanwhile) are listed on stderr and make the exit code 1.
    private static int ApplySaved(ParseResult parse, GlobalOptions global, PlanExecutor executor, string planId, bool json, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            if (executor.Apply(planId, cancellationToken) == "stopped")
            {
                var sofar = executor.Load(planId).Steps;
                error.WriteLine($"mlm: interrupted: {sofar.Count(s => s.State == "done")} files done, {sofar.Count(s => s.State == "pending")} not started. Resume: mlm organize --apply {planId}; revert: mlm organize undo {planId}");
                return ExitCodes.Interrupted;
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine("mlm: " + e.Message);
            return ExitCodes.Usage;
        }
        var (status, mode, steps) = executor.Load(planId);
        var skipped = steps.Where(s => s.State.StartsWith("skipped", StringComparison.Ordinal)).ToList();
        foreach (var (entry, state) in skipped)
        {
            error.WriteLine($"mlm: {entry.Source}: {state}");
        }
        if (json)
        {
            output.WriteLine(OrganizeReport.ToJson(steps.Select(s => s.Entry).ToList(), planId, status, mode, steps.Select(s => s.State).ToList()));
        }
        else if (!parse.GetValue(global.Quiet))
        {
            int done = steps.Count(s => s.State == "done");
            int conflicts = steps.Count(s => s.State.StartsWith("conflict", StringComparison.Ordinal));
            output.WriteLine($"Applied plan {planId}: {done} files ({mode.ToString().ToLowerInvariant()}), {conflicts} conflicts left alone, {skipped.Count} skipped. Undo: mlm organize undo {planId}");
        }
        return skipped.Count > 0 ? ExitCodes.PartialErrors : ExitCodes.Ok;
    }

    // ffprobe for a file already at a target that the catalog knows nothing of ("better" compares it).
    private static MediaInfo? ProbeOccupant(string path)
    {
        try
        {
            return new MediaProber(TimeSpan.FromSeconds(30)).ProbeAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return null; // no ffprobe, or not media: judged by its name and size
        }
    }

    // Runs a command on one saved plan; an unknown plan (or one in the wrong state) is a usage error.
    private static Task<int> WithPlan(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken, Func<PlanExecutor, int> act) =>
        Task.FromResult(RunOnPlan(parse, global, cancellationToken, act));

    private static int RunOnPlan(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken, Func<PlanExecutor, int> act)
    {
        var (catalog, executor) = OpenJournal(parse, global, cancellationToken);
        using (catalog)
        {
            try
            {
                return act(executor);
            }
            catch (ArgumentException e)
            {
                parse.InvocationConfiguration.Error.WriteLine("mlm: " + e.Message);
                return ExitCodes.Usage;
            }
        }
    }

    private static Command UndoCommand(GlobalOptions global)
    {
        var planId = new Argument<string>("PLAN") { Description = "The plan id (see 'mlm organize plans')" };
        var undo = new Command("undo", "Move every file of an applied plan back to where it was") { planId };
        undo.SetAction((parse, cancellationToken) => WithPlan(parse, global, cancellationToken, executor =>
        {
            var id = parse.GetValue(planId)!;
            var (undone, kept) = executor.Undo(id);
            // What could not go back stays where the plan put it, each with its reason; undo tries again.
            foreach (var (entry, state) in executor.Load(id).Steps.Where(s => s.State.StartsWith("undo-skipped", StringComparison.Ordinal)))
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlm: {entry.Target}: {state}");
            }
            if (!parse.GetValue(global.Quiet))
            {
                parse.InvocationConfiguration.Output.WriteLine($"Undone: {undone} files back where they were{(kept > 0 ? $", {kept} kept where they are (run undo again once the reason is gone)" : "")}.");
            }
            return kept > 0 ? ExitCodes.PartialErrors : ExitCodes.Ok;
        }));
        return undo;
    }

    private static Command PlansCommand(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON" };
        var plans = new Command("plans", "List saved plans: previews waiting to be applied, applied and undone ones, oldest first") { json };
        plans.SetAction((parse, cancellationToken) => Task.FromResult(ListPlans(parse, global, json, cancellationToken)));
        return plans;
    }

    private static int ListPlans(ParseResult parse, GlobalOptions global, Option<bool> json, CancellationToken cancellationToken)
    {
        var (catalog, executor) = OpenJournal(parse, global, cancellationToken);
        using (catalog)
        {
            var output = parse.InvocationConfiguration.Output;
            var list = executor.Plans();
            if (parse.GetValue(json))
            {
                output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    version = JsonReports.Version,
                    plans = list.Select(p => new { id = p.Id, status = p.Status, at = p.At, mode = p.Mode.ToString().ToLowerInvariant(), moves = p.Moves, conflicts = p.Conflicts, description = p.Description }),
                }, JsonReports.Serializer));
                return ExitCodes.Ok;
            }
            foreach (var p in list)
            {
                output.WriteLine($"{p.Id}\t{p.Status}\t{p.At}\t{p.Mode.ToString().ToLowerInvariant()}\t{p.Moves} moves\t{p.Conflicts} conflicts\t{p.Description}");
            }
            return ExitCodes.Ok;
        }
    }

    private static Command ShowCommand(GlobalOptions global)
    {
        var planId = new Argument<string>("PLAN") { Description = "The plan id (see 'mlm organize plans')" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var show = new Command("show", "Show a saved plan's entries and the state of each") { planId, json };
        show.SetAction((parse, cancellationToken) => WithPlan(parse, global, cancellationToken, executor =>
        {
            var id = parse.GetValue(planId)!;
            var (status, mode, steps) = executor.Load(id);
            var entries = steps.Select(s => s.Entry).ToList();
            var states = steps.Select(s => s.State).ToList();
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(OrganizeReport.ToJson(entries, id, status, mode, states));
                return ExitCodes.Ok;
            }
            OrganizeReport.WriteTable(parse.InvocationConfiguration.Output, entries, mode, states);
            parse.InvocationConfiguration.Output.WriteLine($"Plan {id}: {status}, {mode.ToString().ToLowerInvariant()}, {entries.Count(e => e.Acts)} moves, {entries.Count(e => e.Conflict is not null)} conflicts.");
            return ExitCodes.Ok;
        }));
        return show;
    }
}
