using System.CommandLine;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Organizing;

namespace MediaLibrary.Cli.Commands;

/// <summary>`organize undo`, `organize plans` and `organize show`: commands on the saved plans.</summary>
public static partial class OrganizeCommand
{
    // Runs a command on one saved plan; an unknown plan (or one in the wrong state) is a usage error.
    private static Task<int> WithPlan(ParseResult parse, GlobalOptions global, Func<OrganizeJournal, int> act, CancellationToken cancellationToken) =>
        Task.FromResult(RunOnPlan(parse, global, act, cancellationToken));

    private static int RunOnPlan(ParseResult parse, GlobalOptions global, Func<OrganizeJournal, int> act, CancellationToken cancellationToken)
    {
        var (catalog, journal) = OpenJournal(parse, global, cancellationToken);
        using (catalog)
        {
            try
            {
                return act(journal);
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
        undo.SetAction((parse, cancellationToken) => WithPlan(parse, global, journal =>
        {
            var id = parse.GetValue(planId)!;
            var (undone, kept) = journal.Executor.Undo(id);
            // What could not go back stays where the plan put it, each with its reason; undo tries again.
            foreach (var (entry, state) in journal.Load(id).Steps.Where(s => s.State.StartsWith("undo-skipped", StringComparison.Ordinal)))
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlm: {entry.Target}: {state}");
            }
            if (!parse.GetValue(global.Quiet))
            {
                var keptNote = kept > 0 ? $", {kept} kept where they are (run undo again once the reason is gone)" : "";
                parse.InvocationConfiguration.Output.WriteLine($"Undone: {undone} files back where they were{keptNote}.");
            }
            return kept > 0 ? ExitCodes.PartialErrors : ExitCodes.Ok;
        }, cancellationToken));
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
        var (catalog, journal) = OpenJournal(parse, global, cancellationToken);
        using (catalog)
        {
            var output = parse.InvocationConfiguration.Output;
            var list = journal.Plans();
            if (parse.GetValue(json))
            {
                output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    version = JsonReports.Version,
                    plans = list.Select(p => new { id = p.Id, status = p.Status, at = p.At, mode = p.Mode.ToString().ToLowerInvariant(), moves = p.Moves,
                        conflicts = p.Conflicts, description = p.Description }),
                }, JsonReports.Serializer));
                return ExitCodes.Ok;
            }
            foreach (var p in list)
            {
                output.WriteLine($"{p.Id}\t{p.Status}\t{p.At}\t{p.Mode.ToString().ToLowerInvariant()}\t{p.Moves} moves\t{p.Conflicts} " +
                    $"conflicts\t{p.Description}");
            }
            return ExitCodes.Ok;
        }
    }

    private static Command ShowCommand(GlobalOptions global)
    {
        var planId = new Argument<string>("PLAN") { Description = "The plan id (see 'mlm organize plans')" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var show = new Command("show", "Show a saved plan's entries and the state of each") { planId, json };
        show.SetAction((parse, cancellationToken) => WithPlan(parse, global, journal =>
        {
            var id = parse.GetValue(planId)!;
            var (status, mode, steps) = journal.Load(id);
            var entries = steps.Select(s => s.Entry).ToList();
            var states = steps.Select(s => s.State).ToList();
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(OrganizeReport.ToJson(entries, id, status, mode, states));
                return ExitCodes.Ok;
            }
            OrganizeReport.WriteTable(parse.InvocationConfiguration.Output, entries, mode, states);
            parse.InvocationConfiguration.Output.WriteLine($"Plan {id}: {status}, {mode.ToString().ToLowerInvariant()}, {entries.Count(e => e.Acts)} " +
                $"moves, {entries.Count(e => e.Conflict is not null)} conflicts.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return show;
    }
}
