namespace Deconflict.Ledger;

/// <summary>
/// The stable codes carried by <see cref="LedgerException.Code"/>. They are part of the public contract: the API maps
/// each to an RFC 9457 problem type, and scripts match them, so they never change once shipped.
/// </summary>
public static class LedgerErrorCodes
{
    /// <summary>The bytes are not one well-formed JSON value (RFC 8259), or nest deeper than allowed.</summary>
    public const string JsonMalformed = "json.malformed";

    /// <summary>An object holds the same member name twice; RFC 8785 §3.1 cannot canonicalise it.</summary>
    public const string JsonDuplicateKey = "json.duplicate-key";

    /// <summary>A string holds a lone UTF-16 surrogate (RFC 8785 §3.2.2.2 requires well-formed Unicode).</summary>
    public const string JsonLoneSurrogate = "json.lone-surrogate";

    /// <summary>A number does not fit an IEEE 754 double (RFC 8785 §3.2.2.3), such as <c>1e400</c>.</summary>
    public const string JsonNumberOutOfRange = "json.number-out-of-range";

    /// <summary>A key file or key line does not follow the C2SP signed-note key formats.</summary>
    public const string KeyMalformed = "key.malformed";

    /// <summary>The envelope is not valid JSON or lacks, mistypes or adds a member.</summary>
    public const string EnvelopeMalformed = "envelope.malformed";

    /// <summary>The envelope or its body is larger than the configured limit.</summary>
    public const string EnvelopeTooLarge = "envelope.too-large";

    /// <summary>The envelope names a party whose key the ledger does not hold.</summary>
    public const string EnvelopeUnknownParty = "envelope.unknown-party";

    /// <summary>The envelope's signature does not verify with its party's key.</summary>
    public const string EnvelopeBadSignature = "envelope.bad-signature";

    /// <summary>The envelope's <c>seq</c> is not greater than the last one admitted for its party.</summary>
    public const string EnvelopeReplayedSeq = "envelope.replayed-seq";

    /// <summary>The text is not a C2SP signed note (layout, UTF-8, control characters, signature lines).</summary>
    public const string NoteMalformed = "note.malformed";

    /// <summary>The note carries more signature lines than the verifier accepts.</summary>
    public const string NoteTooManySignatures = "note.too-many-signatures";

    /// <summary>A signature from a known key does not verify; the whole note is rejected.</summary>
    public const string NoteBadSignature = "note.bad-signature";

    /// <summary>No signature on the note comes from a known key.</summary>
    public const string NoteNoKnownSignature = "note.no-known-signature";

    /// <summary>The note text is not a C2SP tlog-checkpoint (origin, size, root hash, extension lines).</summary>
    public const string CheckpointMalformed = "checkpoint.malformed";

    /// <summary>The checkpoint carries no signature from a known log key (cosignatures alone do not count).</summary>
    public const string CheckpointUnsigned = "checkpoint.unsigned";

    /// <summary>The file is not a <c>c2sp.org/tlog-proof@v1</c> proof.</summary>
    public const string ProofMalformed = "proof.malformed";

    /// <summary>The storage holds data that contradicts itself (a tile of the wrong length, a missing leaf); not retryable.</summary>
    public const string StorageCorrupt = "storage.corrupt";

    /// <summary>The storage could not complete the operation (I/O error, lost connection); <see cref="LedgerException.IsTransient"/> is set.</summary>
    public const string StorageUnavailable = "storage.unavailable";

    /// <summary>The log was disposed, or stopped after a storage failure, and accepts no more appends.</summary>
    public const string LogClosed = "log.closed";
}
