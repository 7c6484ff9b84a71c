using System.Text;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>Signs checkpoints as the log operator: a C2SP signed note with one Ed25519 signature over the text.</summary>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class CheckpointSigner
{
    /// <summary>Signs <paramref name="checkpoint"/> with the operator's key.</summary>
    /// <remarks>c2sp.org/tlog-checkpoint recommends that the key name match the origin; this is not enforced,
    /// because verifiers pick the log key by name and ID anyway.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SignedNote Sign(Checkpoint checkpoint, SignerKey key)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(key);
        var text = checkpoint.ToNoteText();
        var signature = new NoteSignature(key.Name, key.KeyId, key.Sign(Encoding.UTF8.GetBytes(text)));
        return new SignedNote(text, [signature]);
    }
}
