using System.Security.Cryptography;
using System.Text.Json;
using Deconflict.Arrangement;
using Deconflict.Ledger;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Acts;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Arrangement;

/// <summary>
/// An arrangement document with every party's signature: <c>{"arrangement":{…},"signatures":[envelope…]}</c>, where each
/// signature is a party's envelope of kind <c>arrangement.sign</c> with body <c>{"version":N,"sha256":hex}</c>, the hash
/// of the arrangement's canonical JSON (RFC 8785). This is the body of the genesis and amendment entries.
/// </summary>
internal sealed record SignedArrangement(ArrangementTerms Terms, JsonElement Document)
{
    /// <summary>The lower-case hex SHA-256 of the arrangement's canonical JSON: what each party signs.</summary>
    public static string Digest(JsonElement arrangement) => Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(arrangement)));

    /// <summary>A party's signature over <paramref name="arrangement"/>: an <c>arrangement.sign</c> envelope (seq = version).</summary>
    public static SignedEnvelope Sign(SignerKey key, JsonElement arrangement, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(key);
        var version = arrangement.GetProperty("version").GetInt32();
        var body = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["version"] = version, ["sha256"] = Digest(arrangement) });
        return EnvelopeSigner.Sign(key, new Envelope(key.Name, version, time, ActKinds.ArrangementSign, body));
    }

    /// <summary>
    /// Reads and checks a signed arrangement: every party of the new terms, and of <paramref name="current"/> if any, must
    /// have signed this version; a party in force is checked with its current key, a new party with its listed key.
    /// </summary>
    /// <exception cref="ActException"><c>arrangement.invalid</c> or <c>arrangement.unsigned</c>, naming the field.</exception>
    public static SignedArrangement Verify(JsonElement document, ArrangementTerms? current)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("arrangement", out var arrangement))
        {
            throw new ActException("arrangement.invalid", "The document should be {\"arrangement\":{...},\"signatures\":[...]}", "arrangement");
        }

        var terms = ArrangementDocument.Read(arrangement);
        var digest = Digest(arrangement);
        var keys = new Dictionary<string, VerifierKey>(StringComparer.Ordinal);
        foreach (var party in terms.Parties.Concat(current?.Parties ?? []))
        {
            keys.TryAdd(party.Id.Name, ParseKey(party, terms));
        }

        foreach (var party in current?.Parties ?? [])
        {
            keys[party.Id.Name] = ParseKey(party, terms);
        }

        var signed = new HashSet<string>(StringComparer.Ordinal);
        if (document.TryGetProperty("signatures", out var signatures) && signatures.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var signature in signatures.EnumerateArray())
            {
                var field = $"signatures[{i++}]";
                Act act;
                try
                {
                    act = ActCodec.Verify(JsonSerializer.SerializeToUtf8Bytes(signature), p => keys.GetValueOrDefault(p));
                }
                catch (LedgerException e)
                {
                    throw new ActException("arrangement.unsigned", $"{field}: {e.Message}", field);
                }

                if (act.Kind != ActKinds.ArrangementSign || !act.Body.TryGetProperty("sha256", out var sha) || sha.GetString() != digest
                    || !act.Body.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version) || version != terms.Version)
                {
                    throw new ActException("arrangement.unsigned", $"{field}: the signature of '{act.Party}' is not an arrangement.sign over version {terms.Version} with sha256 {digest}", field);
                }

                signed.Add(act.Party);
            }
        }

        var missing = keys.Keys.Where(p => !signed.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ActException("arrangement.unsigned", $"signatures: missing the signature of {string.Join(", ", missing.Select(p => $"'{p}'"))} over version {terms.Version}", "signatures");
        }

        return new SignedArrangement(terms, document.Clone());
    }

    private static VerifierKey ParseKey(PartyTerms party, ArrangementTerms terms)
    {
        var index = terms.Parties.ToList().FindIndex(p => p.Id == party.Id);
        try
        {
            var key = VerifierKey.Parse(party.VerifierKey);
            return key.Name == party.Id.Name ? key : throw new ActException("arrangement.invalid", $"The key of '{party.Id}' is named '{key.Name}'", $"arrangement.parties[{index}].key");
        }
        catch (LedgerException e)
        {
            throw new ActException("arrangement.invalid", $"The key of '{party.Id}' is malformed: {e.Message}", $"arrangement.parties[{index}].key");
        }
    }
}
