using Deconflict.Ledger.Envelope;

namespace Deconflict.Ledger;

/// <summary>One entry of the log: its index, its signed envelope and its RFC 6962 leaf hash.</summary>
/// <param name="Index">The zero-based leaf index.</param>
/// <param name="Envelope">The signed envelope; its <see cref="SignedEnvelope.LeafBytes"/> are the leaf.</param>
/// <param name="LeafHash">SHA-256(0x00 ‖ leaf), 32 bytes.</param>
public sealed record LogEntry(long Index, SignedEnvelope Envelope, ReadOnlyMemory<byte> LeafHash);
