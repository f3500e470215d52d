using MediaLibrary.Common.Actions;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>The one executor with a step kind of the test's own: a new kind is one class, and the
/// executor journals, recovers and undoes it without knowing what it does.</summary>
[TestClass]
public sealed class PlanExecutorTests
{
    /// <summary>Writes the source's name into a new file at the target; undo removes it.</summary>
    private sealed class MarkStep : IStepKind
    {
        public string Name => "mark";

        public bool Forward(StepRun run, PlanStep step)
        {
            run.Set(step, StepState.Placing);
            File.WriteAllText(step.Target, step.Source);
            run.Set(step, StepState.Done);
            return true;
        }

        public bool Backward(StepRun run, PlanStep step)
        {
            if (step.State != StepState.Done)
            {
                return false;
            }
            File.Delete(step.Target);
            run.Set(step, StepState.Undone);
            return true;
        }
    }

    private sealed class ThrowAt(int after) : IJournalObserver
    {
        private int _writes;

        public void Written()
        {
            if (++_writes == after)
            {
                throw new InvalidOperationException("simulated crash");
            }
        }
    }

    private static readonly Dictionary<string, IStepKind> Kinds = new() { ["mark"] = new MarkStep() };

    private static PlanExecutor Executor(CatalogStore catalog, IJournalObserver? observer = null) =>
        new(catalog, new LitePlanJournal(catalog), observer, Kinds);

    private static (string Plan, string[] Targets) SavePlan(PlanExecutor executor, TempTree tree, int steps)
    {
        var targets = Enumerable.Range(0, steps).Select(i => Path.Combine(tree.Root, $"mark{i}")).ToArray();
        var drafts = targets.Select((t, i) => new StepDraft("mark", Path.Combine(tree.Root, $"src{i}"), t, 0)).ToList();
        return (executor.Save("test", "mark", "marks", drafts), targets);
    }

    [TestMethod]
    public void Apply_ThenUndo_ANewKindRunsThroughTheJournal()
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        var executor = Executor(catalog);
        var (plan, targets) = SavePlan(executor, tree, 3);
        Assert.IsFalse(targets.Any(File.Exists), "a saved plan is a dry run");

        Assert.AreEqual(PlanStatus.Applied, executor.Apply(plan));
        Assert.IsTrue(targets.All(File.Exists));
        Assert.IsTrue(executor.Load(plan).Steps.All(s => s.State == StepState.Done));

        Assert.AreEqual((3, 0), executor.Undo(plan));
        Assert.IsFalse(targets.Any(File.Exists));
        Assert.AreEqual(PlanStatus.Undone, executor.Load(plan).Plan.Status);
    }

    [TestMethod]
    public void Recover_AfterACrashMidPlan_FinishesEveryStepOnce()
    {
        using var tree = new TempTree();
        string plan;
        string[] targets;
        using (var catalog = CatalogStore.Open(tree.Catalog))
        {
            (plan, targets) = SavePlan(Executor(catalog), tree, 3);
            // Writes: applying, then placing/done per step: the 4th is the second step's "placing".
            Assert.ThrowsExactly<InvalidOperationException>(() => Executor(catalog, new ThrowAt(4)).Apply(plan));
        }
        using (var catalog = CatalogStore.Open(tree.Catalog))
        {
            var executor = Executor(catalog);
            Assert.AreEqual(PlanStatus.Applying, executor.Load(plan).Plan.Status, "the journal says it was under way");
            Assert.AreEqual(2, executor.Recover(), "the step caught under way and the one never started");
            Assert.AreEqual(PlanStatus.Applied, executor.Load(plan).Plan.Status);
            Assert.IsTrue(targets.All(File.Exists));
        }
    }

    [TestMethod]
    public void Save_KeepsOnlyTheNewestPreviewsOfAKind()
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        var executor = Executor(catalog);
        for (int i = 0; i < PlanExecutor.KeptPreviews + 3; i++)
        {
            SavePlan(executor, tree, 1);
        }
        Assert.HasCount(PlanExecutor.KeptPreviews, executor.Plans().Where(p => p.Kind == "test"));
    }

    [TestMethod]
    [DataRow("pending")]
    [DataRow("done")]
    [DataRow("skipped: source is gone")]
    [DataRow("undo-skipped: the target changed or its source is gone; kept")]
    [DataRow("conflict: target exists")]
    [DataRow("undone: put back, as the better copy could not come")]
    public void StepStates_TextRoundTrips_AsJournalsHoldIt(string text)
    {
        var (state, reason) = StepStates.Parse(text);
        Assert.AreEqual(text, StepStates.Text(state, reason));
    }

    [TestMethod]
    public void StepStates_AnUnknownText_IsASkipThatSaysSo()
    {
        var (state, reason) = StepStates.Parse("exploded");
        Assert.AreEqual(StepState.Skipped, state);
        StringAssert.Contains(reason, "exploded");
    }
}
