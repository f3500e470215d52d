using System.CommandLine;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Actions;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Organizing;
using MediaLibrary.Common.Probing;

namespace MediaLibrary.Cli.Commands;

/// <summary>Opening the journal (finishing what a crash interrupted), showing a plan, applying a saved one.</summary>
public static partial class OrganizeCommand
{
    /// <summary>Opens the catalog and first finishes an apply or undo that was killed, from its
    /// journal. Ctrl+C meanwhile leaves that plan "stopped" (see 'organize plans') and ends the command.</summary>
    private static (CatalogStore Catalog, OrganizeJournal Journal) OpenJournal(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken)
    {
        var catalog = CatalogStore.Open(parse.GetValue(global.Catalog)!);
        var journal = new OrganizeJournal(new PlanExecutor(catalog, global.JournalObserver));
        try
        {
            if (journal.Executor.Recover(cancellationToken) is > 0 and var recovered)
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlm: finished {recovered} steps of an interrupted organize");
            }
        }
        catch (OperationCanceledException)
        {
            catalog.Dispose();
            parse.InvocationConfiguration.Error.WriteLine("mlm: stopped while finishing an interrupted organize; its plan is 'stopped' (mlm organize " +
                "plans): resume it with --apply or revert it with undo");
            throw;
        }
        return (catalog, journal);
    }

    private static int Report(ParseResult parse, GlobalOptions global, IReadOnlyList<PlanEntry> plan, string? planId, string status, OrganizeMode mode,
        bool json)
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
        output.WriteLine($"Dry run: {plan.Count(e => e.Acts)} moves, {plan.Count(e => e.Conflict is not null)} conflicts, {plan.Count(e => e.InPlace)} in " +
            $"place. Nothing was moved.");
        if (planId is not null)
        {
            output.WriteLine($"Saved as plan {planId}. Apply it: mlm organize --apply {planId}");
        }
        return ExitCodes.Ok;
    }

    // Carries out a saved plan and says what happened; files skipped at apply time (changed since the
    // plan, target taken meanwhile) are listed on stderr and make the exit code 1.
    private static int ApplySaved(ParseResult parse, GlobalOptions global, OrganizeJournal journal, string planId, bool json,
        CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            if (journal.Executor.Apply(planId, cancellationToken) == PlanStatus.Stopped)
            {
                var sofar = journal.Load(planId).Steps;
                error.WriteLine($"mlm: interrupted: {sofar.Count(s => s.State == "done")} files done, {sofar.Count(s => s.State == "pending")} not " +
                    $"started. Resume: mlm organize --apply {planId}; revert: mlm organize undo {planId}");
                return ExitCodes.Interrupted;
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine("mlm: " + e.Message);
            return ExitCodes.Usage;
        }
        var (status, mode, steps) = journal.Load(planId);
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
            output.WriteLine($"Applied plan {planId}: {done} files ({mode.ToString().ToLowerInvariant()}), {conflicts} conflicts left alone, " +
                $"{skipped.Count} skipped. Undo: mlm organize undo {planId}");
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
}
