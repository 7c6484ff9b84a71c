using Deconflict.Ledger.Envelope;

namespace Deconflict.Ledger;

/// <summary>The outcome of <see cref="SignedLog.AppendAsync(AdmittedEnvelope, CancellationToken)"/>: where the envelope is in the log, and whether it was already there.</summary>
/// <param name="Index">The zero-based leaf index of the envelope.</param>
/// <param name="Duplicate">True when the same signed envelope had been appended before: <paramref name="Index"/> is the
/// first copy's and nothing was appended.</param>
public readonly record struct AppendResult(long Index, bool Duplicate);
