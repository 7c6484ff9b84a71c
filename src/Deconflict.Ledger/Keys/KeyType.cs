namespace Deconflict.Ledger.Keys;

/// <summary>The C2SP signed-note signature type byte of a verifier key; it enters the key ID, so the same
/// Ed25519 key has a different ID (and cannot be confused) in each role.</summary>
public enum KeyType : byte
{
    /// <summary><c>0x01</c>: Ed25519 signatures over the note text (C2SP signed-note), and envelope signatures.</summary>
    Ed25519 = 0x01,

    /// <summary><c>0x04</c>: timestamped Ed25519 witness cosignatures (C2SP tlog-cosignature, <c>cosignature/v1</c>).</summary>
    Cosignature = 0x04,
}
