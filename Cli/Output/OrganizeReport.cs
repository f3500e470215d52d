using System.Text.Json;
using MediaLibrary.Common.Organizing;
using Spectre.Console;

namespace MediaLibrary.Cli.Output;

/// <summary>How `mlm organize` shows a plan: a table for people, JSON for scripts.</summary>
public static class OrganizeReport
{
    /// <summary>What happens (or happened) to one file, in a few words.</summary>
    public static string Status(PlanEntry e, OrganizeMode mode, string? state = null)
    {
        if (state is not null && state != "pending" && !state.StartsWith("conflict", StringComparison.Ordinal))
        {
            return state; // an applied plan: done, skipped: ..., undone
        }
        if (e.Conflict is not null)
        {
            return e.Conflict;
        }
        if (e.InPlace)
        {
            return "in place";
        }
        var verb = mode.ToString().ToLowerInvariant();
        return e.Note ?? (e.SidecarOf is null ? verb : verb + " (follows its video)");
    }

    /// <summary>The plan as a table, then one summary line.</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<PlanEntry> plan, OrganizeMode mode, IReadOnlyList<string>? states = null)
    {
        var console = ConsoleFactory.Over(output, ConsoleFactory.IsTerminal(output));
        if (plan.Count == 0)
        {
            return;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumn("Source").AddColumn("Target").AddColumn("Status");
        for (int i = 0; i < plan.Count; i++)
        {
            var e = plan[i];
            table.AddRow(new Text(DisplayText.Escape(e.Source)), new Text(DisplayText.Escape(e.Target)), new Text(DisplayText.Escape(Status(e, mode,
                states?[i]))));
        }
        console.Write(table);
    }

    /// <summary>The plan as JSON (shape in README.md, "JSON output").</summary>
    public static string ToJson(IReadOnlyList<PlanEntry> plan, string? planId, string status, OrganizeMode mode, IReadOnlyList<string>? states = null) =>
        JsonSerializer.Serialize(new
        {
            version = JsonReports.Version,
            plan_id = planId,
            status,
            dry_run = status == "planned",
            mode = mode.ToString().ToLowerInvariant(),
            moves = plan.Count(e => e.Acts),
            conflicts = plan.Count(e => e.Conflict is not null),
            entries = plan.Select((e, i) => new
            {
                source = e.Source,
                target = e.Target,
                size = e.Size,
                sidecar_of = e.SidecarOf,
                in_place = e.InPlace,
                conflict = e.Conflict,
                note = e.Note,
                state = states?[i] ?? (e.Conflict is null ? "pending" : "conflict"),
            }),
        }, JsonReports.Serializer);
}
