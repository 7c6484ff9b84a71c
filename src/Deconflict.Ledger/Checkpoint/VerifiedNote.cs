using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>A signed note whose signatures from known keys all verified.</summary>
/// <param name="Note">The note.</param>
/// <param name="Signers">The known keys whose signatures over the text verified (type 0x01), in note order.</param>
/// <param name="Cosignatures">The known cosigners (type 0x04 keys) whose cosignatures verified, with their times.</param>
public sealed record VerifiedNote(SignedNote Note, IReadOnlyList<VerifierKey> Signers, IReadOnlyList<Cosignature> Cosignatures);
