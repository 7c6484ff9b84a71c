using System.Text.Json;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Evidence;

/// <summary>What an evidence bundle proved: every entry's signature and inclusion in a checkpoint signed by the log and
/// cosigned by every party of an arrangement every party signed.</summary>
/// <param name="Entries">The verified entries by index.</param>
/// <param name="Checkpoint">The verified checkpoint.</param>
/// <param name="LogKey">The log (operator) key.</param>
/// <param name="PartyKeys">The parties' keys, in arrangement order.</param>
/// <param name="Arrangement">The <c>arrangement</c> object of the signed document.</param>
/// <param name="FindingsJson">The bundled findings, as stored.</param>
/// <param name="KeysFromBundle">True when the keys came from the bundle (no key was given to the verifier).</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record VerifiedEvidence(
    IReadOnlyList<(long Index, SignedEnvelope Envelope)> Entries,
    VerifiedCheckpoint Checkpoint,
    VerifierKey LogKey,
    IReadOnlyList<VerifierKey> PartyKeys,
    JsonElement Arrangement,
    byte[] FindingsJson,
    bool KeysFromBundle);
