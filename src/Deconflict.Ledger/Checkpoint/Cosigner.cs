using System.Buffers.Binary;
using System.Text;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>
/// Cosigns checkpoints as a witness, per c2sp.org/tlog-cosignature (Ed25519, <c>cosignature/v1</c>): the signed
/// message is <c>"cosignature/v1\ntime &lt;unix seconds&gt;\n"</c> followed by the whole checkpoint text, and the
/// signature line carries <c>key ID || u64 timestamp (big-endian) || signature</c> under the type 0x04 key ID.
/// </summary>
/// <remarks>A cosignature says the cosigner has seen this checkpoint as the largest consistent tree head of the log
/// at that time. Checking consistency with earlier checkpoints is the caller's job before calling <see cref="Cosign"/>.</remarks>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class Cosigner
{
    /// <summary>Returns the cosignature line of <paramref name="key"/> over <paramref name="checkpoint"/>'s text.</summary>
    /// <param name="checkpoint">A checkpoint note; its existing signatures are not checked or changed.</param>
    /// <param name="key">The cosigner's Ed25519 key; the line uses the name and type 0x04 key ID of
    /// <see cref="VerifierKey.ToCosignatureKey"/>.</param>
    /// <param name="time">The cosigning time; whole seconds since the Unix epoch are signed.</param>
    /// <returns>The signature line, to add with <see cref="SignedNote.WithSignature"/>.</returns>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.CheckpointMalformed"/>: the note text is not a checkpoint.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the Unix epoch.</exception>
    public static NoteSignature Cosign(SignedNote checkpoint, SignerKey key, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(key);
        Checkpoint.Parse(checkpoint.Text);
        var seconds = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(time));

        var message = SignedNote.CosignedMessage(Encoding.UTF8.GetBytes(checkpoint.Text), (ulong)seconds);
        var blob = new byte[8 + SignerKey.SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(blob, (ulong)seconds);   // timestamped_signature.timestamp
        key.Sign(message).CopyTo(blob, 8);                              // timestamped_signature.signature
        return new NoteSignature(key.Name, key.VerifierKey.ToCosignatureKey().KeyId, blob);
    }
}
