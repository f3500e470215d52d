namespace MediaLibrary.Common.Actions;

/// <summary>Where plans and their steps are kept: the catalog's journal. Every write is durable
/// before the call returns, so a step's state is on disk before the step acts.</summary>
public interface IPlanJournal
{
    /// <summary>Stores a new plan's steps, then the plan itself (whose record makes it exist).</summary>
    void Add(ActionPlan plan, IEnumerable<PlanStep> steps);

    /// <summary>The plan, or null.</summary>
    ActionPlan? Find(string planId);

    /// <summary>Every plan, in no particular order.</summary>
    IEnumerable<ActionPlan> All();

    /// <summary>A plan's steps in order.</summary>
    List<PlanStep> Steps(string planId);

    /// <summary>Writes a step's state.</summary>
    void Update(PlanStep step);

    /// <summary>Writes a plan's status.</summary>
    void SetStatus(string planId, PlanStatus status);

    /// <summary>Removes a plan and its steps.</summary>
    void Remove(string planId);
}
