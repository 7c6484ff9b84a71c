using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Server.Ports;

/// <summary>The ledger as the server uses it: check an envelope once, append it durably, read every entry back in order.</summary>
internal interface IActLog
{
    /// <summary>How many entries the ledger holds.</summary>
    long Size { get; }

    /// <summary>Lets the ledger admit the envelopes of a party (or the operator).</summary>
    void Trust(VerifierKey key);

    /// <summary>Checks a party's envelope (size, known party, signature) once, before the server plans it.</summary>
    /// <exception cref="Ledger.LedgerException">Too large, unknown party or bad signature.</exception>
    AdmittedEnvelope Admit(SignedEnvelope envelope);

    /// <summary>Signs an act of the operator with the ledger's operator key, ready to append.</summary>
    AdmittedEnvelope SignAsOperator(Envelope envelope);

    /// <summary>Appends <paramref name="envelope"/> (checked once, by <see cref="Admit"/> or <see cref="SignAsOperator"/>)
    /// and returns its index once it is durable.</summary>
    ValueTask<long> AppendAsync(AdmittedEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Every entry from index 0, in order.</summary>
    IAsyncEnumerable<(long Index, SignedEnvelope Envelope)> ReadAllAsync(CancellationToken cancellationToken);
}
