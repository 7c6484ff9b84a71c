using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Keys;

namespace Deconflict.Server.Acts;

/// <summary>
/// Reads and writes signed envelopes: <c>{"v":1,"party","seq","time","kind","body","sig"}</c>, canonical JSON (RFC 8785)
/// signed with Ed25519 over <c>"deconflict/v1\n" + JCS(envelope without sig)</c>.
/// </summary>
internal static class ActCodec
{
    public const int MaxEnvelopeBytes = 1 << 20;
    private static readonly byte[] Context = "deconflict/v1\n"u8.ToArray();

    /// <summary>Parses <paramref name="wire"/> and checks its signature with the key <paramref name="keyOf"/> gives for its party.</summary>
    /// <exception cref="LedgerException">Malformed, too large, unknown party or bad signature.</exception>
    public static Act Verify(ReadOnlySpan<byte> wire, Func<string, VerifierKey?> keyOf)
    {
        if (wire.Length > MaxEnvelopeBytes)
        {
            throw new LedgerException(LedgerErrorCodes.EnvelopeTooLarge, $"the envelope is {wire.Length} bytes; the limit is {MaxEnvelopeBytes}");
        }

        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(wire) as JsonObject ?? throw Malformed("the envelope should be a JSON object");
        }
        catch (JsonException e)
        {
            throw new LedgerException(LedgerErrorCodes.EnvelopeMalformed, "the envelope is not JSON: " + e.Message);
        }

        var sig = Text(envelope, "sig");
        envelope.Remove("sig");
        if (envelope.Count != 6 || !envelope.ContainsKey("body") || envelope["v"]?.GetValueKind() != JsonValueKind.Number || envelope["v"]!.GetValue<int>() != 1)
        {
            throw Malformed("the envelope should have exactly v (1), party, seq, time, kind, body and sig");
        }

        var party = Text(envelope, "party");
        var seq = envelope["seq"] is JsonValue s && s.TryGetValue<long>(out var n) && n >= 0 ? n : throw Malformed("seq should be a non-negative integer");
        var time = DateTimeOffset.TryParse(Text(envelope, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : throw Malformed("time should be an ISO 8601 instant");
        var kind = Text(envelope, "kind");
        if (envelope["body"] is not JsonObject)
        {
            throw Malformed("body should be a JSON object");
        }

        var key = keyOf(party) ?? throw new LedgerException(LedgerErrorCodes.EnvelopeUnknownParty, $"'{party}' is not a party of the arrangement", party, seq);
        var canonical = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(envelope));
        var signature = Base64.IsValid(sig, out var length) && length == SignerKey.SignatureSize ? Convert.FromBase64String(sig) : throw Malformed("sig should be a base64 Ed25519 signature");
        if (!key.Verify([.. Context, .. canonical], signature))
        {
            throw new LedgerException(LedgerErrorCodes.EnvelopeBadSignature, $"the signature does not verify with the key of '{party}'", party, seq);
        }

        using var doc = JsonDocument.Parse(canonical);
        return new Act(party, seq, time, kind, doc.RootElement.GetProperty("body").Clone(), Leaf(canonical, signature));
    }

    /// <summary>Signs an act: returns its leaf bytes and the act.</summary>
    public static Act Sign(SignerKey key, long seq, DateTimeOffset time, string kind, JsonElement body)
    {
        ArgumentNullException.ThrowIfNull(key);
        var envelope = new JsonObject
        {
            ["v"] = 1,
            ["party"] = key.Name,
            ["seq"] = seq,
            ["time"] = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["kind"] = kind,
            ["body"] = JsonNode.Parse(body.GetRawText()),
        };
        var canonical = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(envelope));
        var signature = key.Sign([.. Context, .. canonical]);
        using var doc = JsonDocument.Parse(canonical);
        return new Act(key.Name, seq, DateTimeOffset.Parse(envelope["time"]!.GetValue<string>(), CultureInfo.InvariantCulture), kind, doc.RootElement.GetProperty("body").Clone(), Leaf(canonical, signature));
    }

    /// <summary>Reads back a leaf the ledger holds (already verified when appended).</summary>
    public static Act FromLeaf(byte[] leaf)
    {
        using var doc = JsonDocument.Parse(leaf);
        var root = doc.RootElement;
        return new Act(root.GetProperty("party").GetString()!, root.GetProperty("seq").GetInt64(),
            root.GetProperty("time").GetDateTimeOffset(), root.GetProperty("kind").GetString()!, root.GetProperty("body").Clone(), leaf);
    }

    // The leaf is the canonical envelope with its "sig" member, canonicalised again (RFC 8785 §3.2.3 sorts "sig" among the others).
    private static byte[] Leaf(byte[] canonical, byte[] signature)
    {
        var node = JsonNode.Parse(canonical)!.AsObject();
        node["sig"] = Convert.ToBase64String(signature);
        return JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(node));
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw Malformed($"{name} should be a non-empty string");

    private static LedgerException Malformed(string detail) => new(LedgerErrorCodes.EnvelopeMalformed, detail);
}
