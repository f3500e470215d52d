using LiteDB;

namespace MediaLibrary.Common.Organizing;

/// <summary>The journal in the catalog: saved plans, their steps and each step's state, written before the step acts.</summary>
public sealed partial class PlanExecutor
{
    /// <summary>How many never-applied plans are kept (a dry run under cron saves one each time).</summary>
    public const int KeptPreviews = 10;

    /// <summary>Stores a previewed plan (status "planned"), with the identity each source had, so a
    /// later <see cref="Apply(string, CancellationToken)"/> moves exactly what was shown and skips what changed since.
    /// Older previews beyond <see cref="KeptPreviews"/> are dropped. Returns the plan id.</summary>
    public string Save(IReadOnlyList<PlanEntry> plan, OrganizeMode mode, string description = "")
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        int seq = 0;
        _steps.InsertBulk(plan.Where(e => !e.InPlace).Select(e =>
        {
            var step = new BsonDocument
            {
                ["_id"] = $"{id}:{seq:000000}", ["plan"] = id, ["seq"] = seq++, ["source"] = e.Source, ["target"] = e.Target,
                ["size"] = e.Size, ["state"] = e.Conflict is null ? "pending" : "conflict: " + e.Conflict,
            };
            if (e.Note is not null)
            {
                step["note"] = e.Note;
            }
            if (e.SidecarOf is not null)
            {
                step["sidecar_of"] = e.SidecarOf;
            }
            if (e.ToTrash)
            {
                step["trash"] = true;
            }
            if (e.MakesRoomFor is not null)
            {
                step["room_for"] = e.MakesRoomFor;
            }
            if (e.Acts && TryStat(e.Source) is { } stat)
            {
                step["identity"] = $"{stat.Device}:{stat.Inode}:{stat.Size}:{stat.MtimeNs}";
            }
            return step;
        }));
        // The plan's document last: its insert is what makes the (already complete) plan exist.
        _plans.Insert(new BsonDocument
        {
            ["_id"] = id, ["status"] = "planned", ["mode"] = mode.ToString(), ["at"] = DateTime.UtcNow.ToString("O"),
            ["moves"] = plan.Count(e => e.Acts), ["conflicts"] = plan.Count(e => e.Conflict is not null), ["description"] = description,
        });
        foreach (var old in _plans.Find(Query.EQ("status", "planned")).OrderByDescending(p => p["at"].AsString, StringComparer.Ordinal).Skip(KeptPreviews).ToList())
        {
            _steps.DeleteMany(Query.EQ("plan", old["_id"].AsString));
            _plans.Delete(old["_id"]);
        }
        return id;
    }

    /// <summary>The saved entries of a plan, in order, with each one's state ("pending", "done",
    /// "skipped: ...", "conflict: ...").</summary>
    /// <exception cref="ArgumentException">No such plan.</exception>
    public (string Status, OrganizeMode Mode, IReadOnlyList<(PlanEntry Entry, string State)> Steps) Load(string planId)
    {
        var plan = _plans.FindById(planId) ?? throw new ArgumentException($"no organize plan '{planId}' (see 'mlm organize plans')");
        var steps = Steps(planId).Select(s =>
        {
            var state = s["state"].AsString;
            var entry = new PlanEntry(s["source"].AsString, s["target"].AsString, s.TryGetValue("size", out var size) ? size.AsInt64 : 0,
                s.TryGetValue("sidecar_of", out var of) ? of.AsString : null,
                state.StartsWith("conflict: ", StringComparison.Ordinal) ? state["conflict: ".Length..] : null,
                s.TryGetValue("note", out var note) ? note.AsString : null,
                s.TryGetValue("trash", out var trash) && trash.AsBoolean,
                s.TryGetValue("room_for", out var room) ? room.AsString : null);
            return (entry, state);
        }).ToList();
        return (plan["status"].AsString, ModeOf(plan), steps);
    }

    /// <summary>The journal's plans (previews, applied, undone), oldest first.</summary>
    public IReadOnlyList<PlanSummary> Plans() =>
        _plans.FindAll()
            .Select(p => new PlanSummary(p["_id"].AsString, p["status"].AsString, p["at"].AsString, ModeOf(p),
                p.TryGetValue("moves", out var m) ? m.AsInt32 : _steps.Count(Query.EQ("plan", p["_id"].AsString)),
                p.TryGetValue("conflicts", out var c) ? c.AsInt32 : 0,
                p.TryGetValue("description", out var d) ? d.AsString : ""))
            .OrderBy(p => p.At, StringComparer.Ordinal).ToList();

    // A plan's steps are read by plan id; without the index every read scans every saved plan.
    private static ILiteCollection<BsonDocument> ByPlan(ILiteCollection<BsonDocument> steps)
    {
        steps.EnsureIndex("plan");
        return steps;
    }

    private List<BsonDocument> Steps(string planId) =>
        _steps.Find(Query.EQ("plan", planId)).OrderBy(s => s["seq"].AsInt32).ToList();

    private void SetState(BsonDocument step, string state)
    {
        step["state"] = state;
        Save(step);
    }

    private void Save(BsonDocument step)
    {
        _steps.Update(step);
        Journaled();
    }

    private void SetPlan(string id, string status)
    {
        var plan = _plans.FindById(id);
        plan["status"] = status;
        _plans.Update(plan);
        Journaled();
    }

    private void Journaled() => _afterJournalWrite?.Invoke();
}
