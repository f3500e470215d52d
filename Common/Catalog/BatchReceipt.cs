namespace MediaLibrary.Common.Catalog;

/// <summary>That a batch was applied: what a re-sent batch id is answered with.</summary>
/// <param name="BatchId">The sender's id.</param>
/// <param name="Agent">Who sent it.</param>
/// <param name="Processed">Records stored.</param>
/// <param name="Rejected">Records refused by validation.</param>
/// <param name="At">When it was applied.</param>
public sealed record BatchReceipt(string BatchId, string Agent, int Processed, int Rejected, DateTime At);
