namespace Deconflict.Ledger.Proof;

/// <summary>The part of a proof file that failed verification.</summary>
public enum ProofPart
{
    /// <summary>The checkpoint note: malformed, a bad signature or cosignature, or no signature by the log's key.</summary>
    Checkpoint,

    /// <summary>Fewer verified cosignatures than required.</summary>
    Cosignatures,

    /// <summary>The entry (extra data): missing or not a signed envelope.</summary>
    Entry,

    /// <summary>The entry's envelope signature: no key for its party, or it does not verify.</summary>
    EntrySignature,

    /// <summary>The inclusion proof does not lead from the entry's leaf hash to the checkpoint's root hash.</summary>
    InclusionProof,
}
