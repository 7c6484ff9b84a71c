using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>Verifies a signed checkpoint: C2SP signed-note rules, a tlog-checkpoint body, and at least one
/// signature over the text (the log's) from a known key; cosignatures are verified and listed.</summary>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class CheckpointVerifier
{
    /// <summary>Parses and verifies a signed checkpoint note.</summary>
    /// <param name="noteText">The whole note: checkpoint text, blank line, signature lines.</param>
    /// <param name="keys">The trusted keys: the log's and any cosigners' (a party's Ed25519 key also checks its cosignatures).</param>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.NoteMalformed"/>,
    /// <see cref="LedgerErrorCodes.NoteTooManySignatures"/>, <see cref="LedgerErrorCodes.NoteBadSignature"/>,
    /// <see cref="LedgerErrorCodes.NoteNoKnownSignature"/> (see <see cref="SignedNote"/>);
    /// <see cref="LedgerErrorCodes.CheckpointMalformed"/>; or <see cref="LedgerErrorCodes.CheckpointUnsigned"/>
    /// when only cosignatures verified.</exception>
    public static VerifiedCheckpoint Verify(string noteText, IEnumerable<VerifierKey> keys) => Verify(SignedNote.Parse(noteText), keys);

    /// <summary>Verifies a parsed signed checkpoint note; see <see cref="Verify(string, IEnumerable{VerifierKey})"/>.</summary>
    /// <exception cref="LedgerException">As for <see cref="Verify(string, IEnumerable{VerifierKey})"/>.</exception>
    public static VerifiedCheckpoint Verify(SignedNote note, IEnumerable<VerifierKey> keys)
    {
        ArgumentNullException.ThrowIfNull(note);
        var verified = note.Verify(keys);
        var checkpoint = Checkpoint.Parse(note.Text);
        if (verified.Signers.Count == 0)
        {
            throw new LedgerException(
                LedgerErrorCodes.CheckpointUnsigned,
                $"the checkpoint of {checkpoint.Origin} at size {checkpoint.Size} carries cosignatures but no signature from a known log key");
        }

        return new VerifiedCheckpoint(checkpoint, note, verified.Signers, verified.Cosignatures);
    }
}
