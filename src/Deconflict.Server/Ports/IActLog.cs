using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Server.Ports;

/// <summary>The ledger as the server uses it: append an envelope durably, read every entry back in order.</summary>
internal interface IActLog
{
    /// <summary>How many entries the ledger holds.</summary>
    long Size { get; }

    /// <summary>Lets the ledger admit the envelopes of a party (or the operator).</summary>
    void Trust(VerifierKey key);

    /// <summary>Appends <paramref name="envelope"/> and returns its index once it is durable.</summary>
    ValueTask<long> AppendAsync(SignedEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Every entry from index 0, in order.</summary>
    IAsyncEnumerable<(long Index, SignedEnvelope Envelope)> ReadAllAsync(CancellationToken cancellationToken);
}
