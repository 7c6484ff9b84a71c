using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Proof;

/// <summary>Verifies a Deconflict proof file offline, with nothing but public keys.</summary>
/// <remarks>
/// <para>The checks run in this order and stop at the first failure: the checkpoint note (C2SP signed-note rules and
/// a signature from a known key), the number of verified cosignatures, the entry (the extra data must be a signed
/// envelope), the log's signature on the checkpoint, the entry's signature (by the key named after its party), and
/// the RFC 9162 §2.1.3.2 inclusion proof from <c>SHA-256(0x00 || extra)</c> to the checkpoint's root hash.</para>
/// <para>The trusted keys mix the log's key and the parties' keys, and every one of them can make a plain note
/// signature, so the log's signature must come from the right one, or a party could sign a checkpoint of its own
/// making: the key named <c>logKeyName</c> when given; otherwise the key named after the checkpoint's origin when one
/// is trusted (c2sp.org/tlog-checkpoint: the log's key name SHOULD be its origin); otherwise any trusted key that is
/// neither the entry's party nor a cosigner of the checkpoint.</para>
/// </remarks>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class ProofFileVerifier
{
    /// <summary>Verifies <paramref name="file"/> against the trusted <paramref name="keys"/>.</summary>
    /// <param name="file">The parsed proof file.</param>
    /// <param name="keys">The log's key, the parties' keys (they verify entries and cosignatures), any witnesses' keys.</param>
    /// <param name="minCosignatures">How many distinct known cosigners must have cosigned the checkpoint.</param>
    /// <param name="logKeyName">The name of the log's key among <paramref name="keys"/>; null to infer it (see remarks).</param>
    /// <returns>The outcome; it names the failed part instead of throwing.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCosignatures"/> is negative.</exception>
    public static ProofVerification Verify(ProofFile file, IEnumerable<VerifierKey> keys, int minCosignatures = 0, string? logKeyName = null)
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
        var expected = logKeyName ?? (trusted.Exists(k => k.Name == checkpoint.Checkpoint.Origin) ? checkpoint.Checkpoint.Origin : null);
        var logSigner = FindLogSigner(checkpoint, party, expected);
        if (logSigner is null)
        {
            return Fail(file, checkpoint, entry, ProofPart.Checkpoint, expected is null
                ? $"checkpoint: it is signed only by the entry's party or its cosigners ({string.Join(", ", checkpoint.Signers.Select(k => k.Name))}), not by a log key"
                : $"checkpoint: no signature by the log key '{expected}' (signed by {string.Join(", ", checkpoint.Signers.Select(k => k.Name))})");
        }

        var partyKey = trusted.Find(k => k.Type == KeyType.Ed25519 && string.Equals(k.Name, party, StringComparison.Ordinal));
        if (partyKey is null)
        {
            return Fail(file, checkpoint, entry, ProofPart.EntrySignature, $"entry signature: no key given for the party '{party}'", logSigner);
        }

        if (!entry.Verify(partyKey))
        {
            return Fail(file, checkpoint, entry, ProofPart.EntrySignature, $"entry signature: the envelope's signature does not verify with {partyKey.Name}+{partyKey.KeyId:x8}", logSigner);
        }

        var leafHash = MerkleHash.LeafHash(file.Extra.Span);
        if (!MerkleVerifier.VerifyInclusion(file.Index, checkpoint.Checkpoint.Size, leafHash, file.InclusionProof, checkpoint.Checkpoint.RootHash.Span))
        {
            return new ProofVerification(
                file.Index,
                checkpoint,
                logSigner,
                entry,
                partyKey,
                ProofPart.InclusionProof,
                $"inclusion proof: entry {file.Index} with {file.InclusionProof.Count} proof hash(es) does not lead to the root of {checkpoint.Checkpoint.Origin} at size {checkpoint.Checkpoint.Size}");
        }

        return new ProofVerification(file.Index, checkpoint, logSigner, entry, partyKey, null, null);
    }

    // The signer named `name` (the log key's expected name, see remarks), or with no name any signer that is neither
    // the entry's party nor a cosigner.
    private static VerifierKey? FindLogSigner(VerifiedCheckpoint checkpoint, string party, string? name) =>
        name is not null
            ? checkpoint.Signers.FirstOrDefault(k => k.Name == name)
            : checkpoint.Signers.FirstOrDefault(k => k.Name != party && !checkpoint.Cosignatures.Any(c => c.Key.Name == k.Name));

    private static ProofVerification Fail(ProofFile file, VerifiedCheckpoint? checkpoint, SignedEnvelope? entry, ProofPart part, string failure, VerifierKey? logSigner = null) =>
        new(file.Index, checkpoint, logSigner, entry, null, part, failure);
}
