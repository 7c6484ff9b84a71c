using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Proof;

/// <summary>Verifies a Deconflict proof file offline, with nothing but public keys.</summary>
/// <remarks>
/// The checks run in this order and stop at the first failure: the checkpoint note (C2SP signed-note rules and a
/// signature from a known log key), the number of verified cosignatures, the entry (the extra data must be a signed
/// envelope), the entry's signature (by the key named after its party), and the RFC 9162 §2.1.3.2 inclusion proof
/// from <c>SHA-256(0x00 || extra)</c> to the checkpoint's root hash.
/// </remarks>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class ProofFileVerifier
{
    /// <summary>Verifies <paramref name="file"/> against the trusted <paramref name="keys"/>.</summary>
    /// <param name="file">The parsed proof file.</param>
    /// <param name="keys">The log's key, the parties' keys (they verify entries and cosignatures), any witnesses' keys.</param>
    /// <param name="minCosignatures">How many distinct known cosigners must have cosigned the checkpoint.</param>
    /// <returns>The outcome; it names the failed part instead of throwing.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCosignatures"/> is negative.</exception>
    public static ProofVerification Verify(ProofFile file, IEnumerable<VerifierKey> keys, int minCosignatures = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegative(minCosignatures);
        var trusted = keys.ToList();

        VerifiedCheckpoint checkpoint;
        try
        {
            checkpoint = CheckpointVerifier.Verify(file.Checkpoint, trusted);
        }
        catch (LedgerException e)
        {
            return Fail(file, null, null, ProofPart.Checkpoint, $"checkpoint: {e.Message}");
        }

        if (checkpoint.Cosignatures.Count < minCosignatures)
        {
            return Fail(file, checkpoint, null, ProofPart.Cosignatures, $"cosignatures: {checkpoint.Cosignatures.Count} known cosigner(s) verified, {minCosignatures} required");
        }

        if (file.Extra.IsEmpty)
        {
            return Fail(file, checkpoint, null, ProofPart.Entry, "entry: the proof file carries no extra line with the entry");
        }

        SignedEnvelope entry;
        try
        {
            entry = SignedEnvelope.Parse(file.Extra.Span, maxBodyBytes: file.Extra.Length);
        }
        catch (LedgerException e)
        {
            return Fail(file, checkpoint, null, ProofPart.Entry, $"entry: {e.Message}");
        }

        var party = entry.Envelope.Party;
        var partyKey = trusted.Find(k => k.Type == KeyType.Ed25519 && string.Equals(k.Name, party, StringComparison.Ordinal));
        if (partyKey is null)
        {
            return Fail(file, checkpoint, entry, ProofPart.EntrySignature, $"entry signature: no key given for the party '{party}'");
        }

        if (!entry.Verify(partyKey))
        {
            return Fail(file, checkpoint, entry, ProofPart.EntrySignature, $"entry signature: the envelope's signature does not verify with {partyKey.Name}+{partyKey.KeyId:x8}");
        }

        var leafHash = MerkleHash.LeafHash(file.Extra.Span);
        if (!MerkleVerifier.VerifyInclusion(file.Index, checkpoint.Checkpoint.Size, leafHash, file.InclusionProof, checkpoint.Checkpoint.RootHash.Span))
        {
            return new ProofVerification(
                file.Index,
                checkpoint,
                entry,
                partyKey,
                ProofPart.InclusionProof,
                $"inclusion proof: entry {file.Index} with {file.InclusionProof.Count} proof hash(es) does not lead to the root of {checkpoint.Checkpoint.Origin} at size {checkpoint.Checkpoint.Size}");
        }

        return new ProofVerification(file.Index, checkpoint, entry, partyKey, null, null);
    }

    private static ProofVerification Fail(ProofFile file, VerifiedCheckpoint? checkpoint, SignedEnvelope? entry, ProofPart part, string failure) =>
        new(file.Index, checkpoint, entry, null, part, failure);
}
