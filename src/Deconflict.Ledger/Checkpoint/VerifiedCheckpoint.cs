using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>A checkpoint whose note verified: the log signed it, and these cosigners cosigned it.</summary>
/// <param name="Checkpoint">The parsed checkpoint.</param>
/// <param name="Note">The signed note it came from.</param>
/// <param name="Signers">The known keys whose signatures over the text verified (the log's), in note order.</param>
/// <param name="Cosignatures">The known cosigners whose cosignatures verified, with their times.</param>
public sealed record VerifiedCheckpoint(Checkpoint Checkpoint, SignedNote Note, IReadOnlyList<VerifierKey> Signers, IReadOnlyList<Cosignature> Cosignatures);
