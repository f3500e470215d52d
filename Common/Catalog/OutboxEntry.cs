namespace MediaLibrary.Common.Catalog;

/// <summary>A batch waiting for the host's acknowledgement.</summary>
/// <param name="Sequence">Order of queueing; the entry's key.</param>
/// <param name="BatchId">Stable id: a re-send is recognised by the host.</param>
/// <param name="Payload">The serialized IngestBatch.</param>
public sealed record OutboxEntry(long Sequence, string BatchId, byte[] Payload);
