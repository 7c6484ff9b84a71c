using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>A verified c2sp.org/tlog-cosignature: who cosigned and when they say they did.</summary>
/// <param name="Key">The cosigner's key, type <see cref="KeyType.Cosignature"/>.</param>
/// <param name="Time">The cosignature's timestamp, whole seconds, UTC.</param>
public sealed record Cosignature(VerifierKey Key, DateTimeOffset Time);
