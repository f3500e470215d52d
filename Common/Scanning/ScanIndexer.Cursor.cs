using LiteDB;
namespace MediaLibrary.Common.Scanning;

/// <summary>The resume cursor: the last walked path before which every record is written, so a killed scan resumes after it.</summary>
public sealed partial class ScanIndexer
{
    // Walk positions with work not yet committed, each with the path walked before it: the cursor
    // is the path before the oldest of them (or the last path walked when none is left), so
    // everything up to the cursor is stored even though workers finish out of order.
    private readonly SortedDictionary<long, string?> _pending = [];
    private readonly Lock _pendingGate = new();
    private long _sequence;
    private string? _lastWalked;

    /// <summary>Called by the writer after each commit with the path up to which the walk is safely
    /// stored (null when nothing is yet): what an agent saves to resume after a kill.</summary>
    public Action<string?>? OnCursor { get; init; }

    private long Track()
    {
        if (OnCursor is null)
        {
            return 0; // nobody saves a cursor (mlm scan): no bookkeeping per record
        }
        lock (_pendingGate)
        {
            long seq = ++_sequence;
            _pending[seq] = _lastWalked;
            return seq;
        }
    }

    private void Walked(string path)
    {
        if (OnCursor is null)
        {
            return;
        }
        lock (_pendingGate)
        {
            _lastWalked = path;
        }
    }

    private void Complete(IEnumerable<long> sequences)
    {
        if (OnCursor is null)
        {
            return;
        }
        lock (_pendingGate)
        {
            foreach (var seq in sequences)
            {
                _pending.Remove(seq);
            }
        }
    }

    private string? SafeCursor()
    {
        lock (_pendingGate)
        {
            return _pending.Count == 0 ? _lastWalked : _pending.First().Value;
        }
    }
}
