using System.Text.Json;
using Deconflict.Ledger.Envelope;

namespace Deconflict.Server.Acts;

/// <summary>A verified signed act: who (<see cref="Party"/>, the signer), its per-party <see cref="Seq"/>, when, what, and
/// the signed envelope appended to the ledger.</summary>
internal sealed record Act(SignedEnvelope Signed)
{
    public string Party => Signed.Envelope.Party;

    public long Seq => Signed.Envelope.Seq;

    public DateTimeOffset Time => Signed.Envelope.Time;

    public string Kind => Signed.Envelope.Kind;

    public JsonElement Body => Signed.Envelope.Body;

    public ReadOnlyMemory<byte> Leaf => Signed.LeafBytes;
}
