namespace MediaLibrary.Common.Actions;

/// <summary>Told after every journal write. The product has none; the crash tests' harness kills
/// or interrupts the process here, which is where a power cut or Ctrl+C is hardest to survive.</summary>
public interface IJournalObserver
{
    /// <summary>A plan or step state was just written.</summary>
    void Written();
}
