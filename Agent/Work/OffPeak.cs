namespace MediaLibrary.Agent.Work;

/// <summary>The contract's off-peak window: full hashes only when start ≤ local hour &lt; end.</summary>
public static class OffPeak
{
    /// <summary>True inside the window. A window that wraps midnight (22 → 6) is honoured; start ==
    /// end means always (a window of no hours would never hash at all).</summary>
    public static bool Contains(int start, int end, int hour) =>
        start == end || (start < end ? hour >= start && hour < end : hour >= start || hour < end);
}
