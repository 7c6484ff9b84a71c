using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Proof;

/// <summary>
/// The outcome of <see cref="ProofFileVerifier.Verify"/>: either everything verified, or the first part that failed
/// and why. The parts verified before the failure are filled in.
/// </summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class ProofVerification
{
    internal ProofVerification(long index, VerifiedCheckpoint? checkpoint, VerifierKey? logSigner, SignedEnvelope? entry, VerifierKey? entrySigner, ProofPart? failedPart, string? failure)
    {
        Index = index;
        Checkpoint = checkpoint;
        LogSigner = logSigner;
        Entry = entry;
        EntrySigner = entrySigner;
        FailedPart = failedPart;
        Failure = failure;
    }

    /// <summary>Whether every part verified.</summary>
    public bool Succeeded => FailedPart is null;

    /// <summary>The part that failed, or null when all verified.</summary>
    public ProofPart? FailedPart { get; }

    /// <summary>What failed, naming the part and the key or line at fault; null when all verified.</summary>
    public string? Failure { get; }

    /// <summary>The entry's index in the log, as the file states it.</summary>
    public long Index { get; }

    /// <summary>The verified checkpoint with its signers and cosigners; null if the checkpoint failed.</summary>
    public VerifiedCheckpoint? Checkpoint { get; }

    /// <summary>The key accepted as the log's signer of the checkpoint; null if that check failed or was not reached.</summary>
    public VerifierKey? LogSigner { get; }

    /// <summary>The entry's signed envelope; null if it could not be read.</summary>
    public SignedEnvelope? Entry { get; }

    /// <summary>The party key that verified the entry's signature; null if that failed or was not reached.</summary>
    public VerifierKey? EntrySigner { get; }
}
