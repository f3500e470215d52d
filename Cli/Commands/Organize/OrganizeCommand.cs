using System.CommandLine;
using System.Text.RegularExpressions;
using MediaLibrary.Common.Organizing;

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

    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Only videos under these folders (default: every video in the catalog)",
            Arity = ArgumentArity.ZeroOrMore }.Checked(mustExist: true);
        var template = new Option<string?>("--template") { HelpName = "TEMPLATE",
            Description = "Naming template, e.g. '{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}'" };
        var dest = new Option<string?>("--dest") { HelpName = "DIR", Description = "Folder the template's paths start from" };
        var policy = new Option<ConflictPolicy>("--on-conflict")
        {
            HelpName = "skip|suffix|better|trash",
            Description = "When a target is taken: skip (default), suffix ('Name (2)'), better (the better copy by resolution/bitrate takes it; a worse " +
                "file already there goes to the trash), trash (as better, and worse sources go to the trash too). Nothing is ever overwritten or deleted",
            DefaultValueFactory = _ => ConflictPolicy.Skip,
        };
        var trash = new Option<string?>("--trash") { HelpName = "DIR", Description = "Trash folder for copies that give way (default DEST/.mlm-trash)" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        // "--apply" alone applies the plan just made; "--apply PLAN" a saved one. A value not shaped
        // like a plan id ("--apply /some/folder") is one of the PATHs the parser handed to --apply.
        var apply = new Option<string?>("--apply")
        {
            Description = "Carry out a saved plan (--apply PLAN), or the one just made (--apply with --template); journaled, 'mlm organize undo PLAN' " +
                "reverts it",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "PLAN",
        };
        var mode = new Option<OrganizeMode>("--mode") { Description = "move (default), copy, hardlink or symlink", HelpName = "move|copy|hardlink|symlink",
            DefaultValueFactory = _ => OrganizeMode.Move };
        var command = new Command("organize",
            "Plan where a naming template puts each video and its subtitles, show and save the plan (a dry run), or apply a plan")
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
                parse.InvocationConfiguration.Error.WriteLine("mlm: organize moves this machine's files, from the embedded catalog; it does not work with " +
                    "--host");
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
                    error.WriteLine("mlm: --apply PLAN carries out a saved plan exactly as it was previewed; leave out PATHs, --template, --dest, --mode, " +
                        "--on-conflict and --trash");
                    return ExitCodes.Usage;
                }
                var (catalog, saved) = OpenJournal(parse, global, cancellationToken);
                using (catalog)
                {
                    return ApplySaved(parse, global, saved, applyId, parse.GetValue(json), cancellationToken);
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
                    return planId is null ? Report(parse, global, plan, null, "applied", organizeMode, parse.GetValue(json)) : ApplySaved(parse, global,
                        journal, planId, parse.GetValue(json), cancellationToken);
                }
                return Report(parse, global, plan, planId, "planned", organizeMode, parse.GetValue(json));
            }
        }
    }
}
