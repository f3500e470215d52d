namespace MediaLibrary.Common.Actions;

/// <summary>One journaled step of a plan: what its kind does to which file, and where it stands.</summary>
public sealed class PlanStep
{
    /// <summary>"plan:seq", unique in the journal; also names the step's temporary files.</summary>
    public required string Id { get; init; }

    /// <summary>The plan's id.</summary>
    public required string Plan { get; init; }

    /// <summary>Order within the plan: steps run in it and are undone the other way round.</summary>
    public required int Seq { get; init; }

    /// <summary>The <see cref="IStepKind.Name"/> that carries it out ("move", "copy", ...).</summary>
    public required string Kind { get; init; }

    /// <summary>The file acted on.</summary>
    public required string Source { get; init; }

    /// <summary>Where it goes (or the file it is linked to, for kinds that say so).</summary>
    public required string Target { get; init; }

    /// <summary>Bytes, for reports.</summary>
    public long Size { get; init; }

    /// <summary>Where the step stands.</summary>
    public StepState State { get; set; }

    /// <summary>Why it is skipped or a conflict (null otherwise).</summary>
    public string? Reason { get; set; }

    /// <summary>For people reading the plan ("to the trash: ... is better").</summary>
    public string? Note { get; init; }

    /// <summary>Runs only after the step of this source is done (a subtitle after its video).</summary>
    public string? After { get; init; }

    /// <summary>Made room for the step of this source: goes back if that one could not come.</summary>
    public string? RoomFor { get; init; }

    /// <summary>The step goes to the trash folder (shown as such; always a move).</summary>
    public bool ToTrash { get; init; }

    /// <summary>"dev:inode:size:mtime_ns" of the source when the plan was made: a step whose source
    /// is another file by then is skipped. Null when it was not there to stat.</summary>
    public string? Identity { get; init; }

    /// <summary>The journal's text of <see cref="State"/> and <see cref="Reason"/>.</summary>
    public string StateText => StepStates.Text(State, Reason);
}
