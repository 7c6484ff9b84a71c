using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger;

/// <summary>Settings of a <see cref="SignedLog"/>.</summary>
/// <threadsafety>Immutable once built; safe to share.</threadsafety>
public sealed class LedgerOptions
{
    /// <summary>The parties accepted from the start; more can be added at run time with <see cref="SignedLog.RegisterParty"/>.</summary>
    public IReadOnlyCollection<VerifierKey> Parties { get; init; } = [];

    /// <summary>The limit on an envelope's canonical body, in bytes. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; init; } = SignedEnvelope.DefaultMaxBodyBytes;

    /// <summary>The most entries one group commit (one storage transaction) holds. Default 4096, range [1, 1 000 000].</summary>
    public int MaxBatchEntries { get; init; } = 4096;

    /// <summary>How many full 256-hash tiles the proof cache keeps in memory (16 KiB each). Default 1024 (16 MiB); 0 disables it.</summary>
    public int CachedTiles { get; init; } = 1024;

    /// <summary>The default settings.</summary>
    public static LedgerOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Parties);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxBodyBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchEntries, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchEntries, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfNegative(CachedTiles);
    }
}
