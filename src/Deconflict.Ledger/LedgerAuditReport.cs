using Deconflict.Ledger.Checkpoint;

namespace Deconflict.Ledger;

/// <summary>The outcome of <see cref="LedgerAudit.RunAsync"/>.</summary>
/// <param name="Size">How many consecutive entries from index 0 were read.</param>
/// <param name="Root">Their RFC 6962 root, recomputed from the leaves.</param>
/// <param name="Checkpoints">The stored checkpoints found signed by the operator and matching the recomputed root, in
/// size order, each with the cosignatures that verified with the keys given.</param>
/// <param name="Problems">Everything found wrong, one sentence each; empty when the ledger is sound.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record LedgerAuditReport(long Size, byte[] Root, IReadOnlyList<VerifiedCheckpoint> Checkpoints, IReadOnlyList<string> Problems);
