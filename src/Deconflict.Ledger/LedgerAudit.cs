using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage;

namespace Deconflict.Ledger;

/// <summary>
/// Checks a stored ledger from its leaves up, trusting nothing derived: every leaf's hash is recomputed from its bytes,
/// the RFC 6962 root is recomputed from the leaf hashes (not read from the stored tiles), and every stored checkpoint must
/// carry the operator's valid signature and name exactly the root recomputed at its size.
/// </summary>
/// <remarks>Run on a backup, it proves the copy holds, entry for entry, the history the operator signed and the parties'
/// witnesses cosigned up to the latest checkpoint; entries after it are counted as not yet covered. It reads the leaves
/// once, in pages, and keeps O(log n) hashes in memory.</remarks>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class LedgerAudit
{
    private const int Page = 4096;

    /// <summary>Audits <paramref name="storage"/>.</summary>
    /// <param name="storage">The ledger's storage, such as a backup opened with <see cref="Storage.Sqlite.SqliteLedgerStorage.OpenAsync"/>.</param>
    /// <param name="operatorKey">The operator's verifier key, which must have signed every checkpoint.</param>
    /// <param name="cosigners">The parties' verifier keys, to verify the cosignatures stored on the checkpoints; a
    /// cosignature by a key not given is ignored, as C2SP signed notes ignore unknown signers.</param>
    /// <param name="cancellationToken">Cancels the audit.</param>
    /// <returns>What was found; <see cref="LedgerAuditReport.Problems"/> is empty when the ledger is sound.</returns>
    /// <exception cref="LedgerException"><c>storage.unavailable</c> or <c>storage.corrupt</c> from the storage.</exception>
    public static async Task<LedgerAuditReport> RunAsync(ILedgerStorage storage, VerifierKey operatorKey, IEnumerable<VerifierKey> cosigners, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(operatorKey);
        VerifierKey[] keys = [operatorKey, .. cosigners];
        var checkpointSizes = new Queue<long>((await storage.ReadCheckpointSizesAsync(1, long.MaxValue, int.MaxValue, cancellationToken).ConfigureAwait(false)).Reverse());
        var problems = new List<string>();
        var subtrees = new List<(long Size, byte[] Hash)>();
        var verified = new List<VerifiedCheckpoint>();
        long size = 0;
        while (true)
        {
            var leaves = await storage.ReadLeavesAsync(size, Page, cancellationToken).ConfigureAwait(false);
            foreach (var leaf in leaves)
            {
                if (leaf.Index != size)
                {
                    problems.Add($"entry {size} is missing (the next stored is {leaf.Index})");
                    return new LedgerAuditReport(size, Root(subtrees), verified, problems);
                }

                var hash = MerkleHash.LeafHash(leaf.Data);
                if (!hash.AsSpan().SequenceEqual(leaf.Hash))
                {
                    problems.Add($"entry {size}: its stored leaf hash is not the hash of its bytes");
                }

                Push(subtrees, hash);
                size++;
                while (checkpointSizes.TryPeek(out var due) && due == size)
                {
                    checkpointSizes.Dequeue();
                    await CheckCheckpointAsync(storage, keys, size, Root(subtrees), verified, problems, cancellationToken).ConfigureAwait(false);
                }
            }

            if (leaves.Count < Page)
            {
                break;
            }
        }

        foreach (var beyond in checkpointSizes)
        {
            problems.Add($"the checkpoint of size {beyond} is beyond the {size} entries stored");
        }

        return new LedgerAuditReport(size, Root(subtrees), verified, problems);
    }

    private static async Task CheckCheckpointAsync(ILedgerStorage storage, VerifierKey[] keys, long size, byte[] root, List<VerifiedCheckpoint> verified, List<string> problems, CancellationToken cancellationToken)
    {
        var stored = await storage.ReadCheckpointAsync(size, cancellationToken).ConfigureAwait(false);
        try
        {
            var note = SignedLog.StoredNote(size, stored!.Note, await storage.ReadCosignaturesAsync(size, cancellationToken).ConfigureAwait(false));
            var checkpoint = CheckpointVerifier.Verify(note, keys);
            if (!checkpoint.Signers.Contains(keys[0]))
            {
                problems.Add($"the checkpoint of size {size} is not signed by the operator key {keys[0].Name}");
                return;
            }

            if (!checkpoint.Checkpoint.RootHash.Span.SequenceEqual(root))
            {
                problems.Add($"the checkpoint of size {size} names root {Convert.ToBase64String(checkpoint.Checkpoint.RootHash.Span)}, but the entries give {Convert.ToBase64String(root)}");
                return;
            }

            verified.Add(checkpoint);
        }
        catch (LedgerException e)
        {
            problems.Add($"the checkpoint of size {size} does not verify: {e.Message}");
        }
    }

    // The stack of perfect subtrees of the tree so far, largest first: a leaf joins equal-sized neighbours as it comes.
    private static void Push(List<(long Size, byte[] Hash)> subtrees, byte[] leafHash)
    {
        subtrees.Add((1, leafHash));
        while (subtrees.Count >= 2 && subtrees[^1].Size == subtrees[^2].Size)
        {
            var right = subtrees[^1];
            var left = subtrees[^2];
            subtrees.RemoveRange(subtrees.Count - 2, 2);
            subtrees.Add((left.Size * 2, MerkleHash.NodeHash(left.Hash, right.Hash)));
        }
    }

    // RFC 6962's MTH of the tree so far, from its perfect subtrees.
    private static byte[] Root(List<(long Size, byte[] Hash)> subtrees) =>
        subtrees.Count == 0 ? MerkleHash.EmptyRoot.ToArray() : MerkleTree.FoldRight([.. subtrees.Select(s => s.Hash)]);
}
