using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Server.Acts;

/// <summary>Reads acts signed outside the ledger's write path (the arrangement's signatures) as ledger envelopes (<see cref="SignedEnvelope"/>, see docs/formats/envelope.md).</summary>
internal static class ActCodec
{
    public const int MaxEnvelopeBytes = SignedEnvelope.DefaultMaxBodyBytes + SignedEnvelope.MaxOverheadBytes;

    /// <summary>Parses <paramref name="wire"/> and checks its signature with the key <paramref name="keyOf"/> gives for its party.</summary>
    /// <exception cref="LedgerException">Malformed, too large, unknown party or bad signature.</exception>
    public static Act Verify(ReadOnlySpan<byte> wire, Func<string, VerifierKey?> keyOf)
    {
        var signed = SignedEnvelope.Parse(wire);
        var party = signed.Envelope.Party;
        var key = keyOf(party) ?? throw new LedgerException(LedgerErrorCodes.EnvelopeUnknownParty, $"'{party}' is not a party of the arrangement", party, signed.Envelope.Seq);
        return signed.Verify(key)
            ? new Act(signed)
            : throw new LedgerException(LedgerErrorCodes.EnvelopeBadSignature, $"the signature does not verify with the key of '{party}'", party, signed.Envelope.Seq);
    }

}
