using LiteDB;
using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Actions;

/// <summary>The journal in a LiteDB catalog. The collections keep the names they had when the
/// organizer was their only user, so catalogs written before still read.</summary>
public sealed class LitePlanJournal : IPlanJournal
{
    private readonly ILiteCollection<BsonDocument> _plans;
    private readonly ILiteCollection<BsonDocument> _steps;

    /// <summary>The journal of <paramref name="catalog"/>.</summary>
    public LitePlanJournal(CatalogStore catalog)
    {
        _plans = catalog.Collection("organize_plans");
        _steps = catalog.Collection("organize_steps");
        // A plan's steps are read by plan id; without the index every read scans every saved plan.
        _steps.EnsureIndex("plan");
    }

    /// <inheritdoc/>
    public void Add(ActionPlan plan, IEnumerable<PlanStep> steps)
    {
        _steps.InsertBulk(steps.Select(ToDocument));
        _plans.Insert(new BsonDocument
        {
            ["_id"] = plan.Id, ["kind"] = plan.Kind, ["status"] = plan.Status.Text(), ["mode"] = plan.Mode, ["at"] = plan.At,
            ["moves"] = plan.Acts, ["conflicts"] = plan.Conflicts, ["description"] = plan.Description,
        });
    }

    /// <inheritdoc/>
    public ActionPlan? Find(string planId) => _plans.FindById(planId) is { } d ? ToPlan(d) : null;

    /// <inheritdoc/>
    public IEnumerable<ActionPlan> All() => _plans.FindAll().Select(ToPlan);

    /// <inheritdoc/>
    public List<PlanStep> Steps(string planId) =>
        _steps.Find(Query.EQ("plan", planId)).Select(ToStep).OrderBy(s => s.Seq).ToList();

    /// <inheritdoc/>
    public void Update(PlanStep step) => _steps.Update(ToDocument(step));

    /// <inheritdoc/>
    public void SetStatus(string planId, PlanStatus status)
    {
        var plan = _plans.FindById(planId);
        plan["status"] = status.Text();
        _plans.Update(plan);
    }

    /// <inheritdoc/>
    public void Remove(string planId)
    {
        _steps.DeleteMany(Query.EQ("plan", planId));
        _plans.Delete(planId);
    }

    private static ActionPlan ToPlan(BsonDocument p) => new(
        p["_id"].AsString,
        p.TryGetValue("kind", out var kind) ? kind.AsString : "organize",
        PlanStatuses.Parse(p["status"].AsString),
        p.TryGetValue("mode", out var mode) ? mode.AsString : "Move",
        p["at"].AsString,
        p.TryGetValue("moves", out var m) ? m.AsInt32 : 0,
        p.TryGetValue("conflicts", out var c) ? c.AsInt32 : 0,
        p.TryGetValue("description", out var d) ? d.AsString : "");

    // The state is stored as its text ("skipped: target exists"), as journals always held it.
    private static BsonDocument ToDocument(PlanStep s)
    {
        var d = new BsonDocument
        {
            ["_id"] = s.Id, ["plan"] = s.Plan, ["seq"] = s.Seq, ["kind"] = s.Kind, ["source"] = s.Source, ["target"] = s.Target,
            ["size"] = s.Size, ["state"] = s.StateText,
        };
        Optional(d, "note", s.Note);
        Optional(d, "sidecar_of", s.After);
        Optional(d, "room_for", s.RoomFor);
        Optional(d, "identity", s.Identity);
        if (s.ToTrash)
        {
            d["trash"] = true;
        }
        return d;
    }

    private static void Optional(BsonDocument d, string key, string? value)
    {
        if (value is not null)
        {
            d[key] = value;
        }
    }

    private static PlanStep ToStep(BsonDocument d)
    {
        var (state, reason) = StepStates.Parse(d["state"].AsString);
        bool trash = d.TryGetValue("trash", out var t) && t.AsBoolean;
        return new PlanStep
        {
            Id = d["_id"].AsString, Plan = d["plan"].AsString, Seq = d["seq"].AsInt32,
            // Journals from before step kinds named none: the plan's mode decided (LegacyKind).
            Kind = d.TryGetValue("kind", out var kind) ? kind.AsString : "",
            Source = d["source"].AsString, Target = d["target"].AsString, Size = d.TryGetValue("size", out var size) ? size.AsInt64 : 0,
            State = state, Reason = reason, ToTrash = trash,
            Note = d.TryGetValue("note", out var note) ? note.AsString : null,
            After = d.TryGetValue("sidecar_of", out var after) ? after.AsString : null,
            RoomFor = d.TryGetValue("room_for", out var room) ? room.AsString : null,
            Identity = d.TryGetValue("identity", out var identity) ? identity.AsString : null,
        };
    }
}
