using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Tests.Support;

/// <summary>Builds real signed envelopes for tests.</summary>
internal static class TestEnvelopes
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);

    public static JsonElement Body(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    public static Deconflict.Ledger.Envelope.Envelope Make(string party, long seq, string body = """{"zone":"A1","alt":[0,1500]}""", string kind = "declaration") =>
        new(party, seq, Noon, kind, Body(body));

    public static SignedEnvelope Sign(SignerKey key, long seq, string body = """{"zone":"A1","alt":[0,1500]}""") =>
        EnvelopeSigner.Sign(key, Make(key.Name, seq, body));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
