using Deconflict.Adjudicate;
using Deconflict.Ledger.Envelope;

namespace Deconflict.Cli.Evidence;

/// <summary>Turns verified ledger envelopes into the entries adjudication reads.</summary>
internal static class LedgerActs
{
    public static RecordedAct From(long index, SignedEnvelope signed)
    {
        var e = signed.Envelope;
        return new RecordedAct(index, e.Party, e.Seq, e.Time, e.Kind, e.Body.Clone());
    }
}
