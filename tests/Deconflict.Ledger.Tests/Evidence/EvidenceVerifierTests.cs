using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Evidence;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Ledger.Tests.Evidence;

// The writer and the verifier together: a small real log (SQLite), two parties, a cosigned checkpoint.
public sealed class EvidenceVerifierTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2020, 8, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly SignerKey _operator = SignerKey.Generate("operator");
    private readonly SignerKey _alpha = SignerKey.Generate("alpha");
    private readonly SignerKey _bravo = SignerKey.Generate("bravo");

    public void Dispose()
    {
        _operator.Dispose();
        _alpha.Dispose();
        _bravo.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Verify_WrittenBundle_EveryEntryVerifiedKeysFromTheBundle()
    {
        var zip = await WriteAsync(cosigners: [_alpha, _bravo], signers: [_alpha, _bravo]);

        var verified = EvidenceVerifier.Verify(zip);

        Assert.Equal([0L, 1, 2], verified.Entries.Select(e => e.Index));
        Assert.Equal("note.kind", verified.Entries[2].Envelope.Envelope.Kind);
        Assert.Equal(["alpha", "bravo"], verified.PartyKeys.Select(k => k.Name));
        Assert.Equal(_operator.VerifierKey, verified.LogKey);
        Assert.True(verified.KeysFromBundle);
        Assert.Equal("{\"findings\":[],\"compliant\":[]}"u8.ToArray(), verified.FindingsJson);
    }

    [Fact]
    public async Task Verify_ArrangementSignedByOneParty_Untrusted()
    {
        var zip = await WriteAsync(cosigners: [_alpha, _bravo], signers: [_alpha]);

        var e = Assert.Throws<EvidenceException>(() => EvidenceVerifier.Verify(zip));

        Assert.Equal("arrangement", e.What);
        Assert.StartsWith("arrangement: not signed by bravo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointCosignedByOneParty_FailsNamingTheMissingCosigner()
    {
        var zip = await WriteAsync(cosigners: [_alpha], signers: [_alpha, _bravo]);

        var e = Assert.Throws<EvidenceException>(() => EvidenceVerifier.Verify(zip));

        Assert.Equal("checkpoint: not cosigned by bravo", e.Message);
    }

    [Fact]
    public async Task Verify_GivenKeysWithoutTheLogKey_Fails()
    {
        var zip = await WriteAsync(cosigners: [_alpha, _bravo], signers: [_alpha, _bravo]);

        var e = Assert.Throws<EvidenceException>(() => EvidenceVerifier.Verify(zip, [_alpha.VerifierKey, _bravo.VerifierKey]));

        Assert.Equal("checkpoint: no --vkey given for the log key 'operator'", e.Message);
    }

    private async Task<MemoryStream> WriteAsync(SignerKey[] cosigners, SignerKey[] signers)
    {
        var arrangement = new JsonObject
        {
            ["version"] = 1,
            ["parties"] = new JsonArray(new JsonObject { ["name"] = "alpha", ["key"] = _alpha.VerifierKey.ToString() }, new JsonObject { ["name"] = "bravo", ["key"] = _bravo.VerifierKey.ToString() }),
        };
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(arrangement))));
        var body = JsonSerializer.SerializeToElement(new { version = 1, sha256 = digest });
        var signatures = new JsonArray([.. signers.Select(k => JsonNode.Parse(EnvelopeSigner.Sign(k, new Ledger.Envelope.Envelope(k.Name, 1, T, EvidenceVerifier.ArrangementSignKind, body)).ToString()))]);
        var document = JsonSerializer.SerializeToElement(new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures });

        await using var log = await SignedLog.OpenAsync(await SqliteLedgerStorage.OpenAsync(Path.Combine(_dir.Path, "ledger.db"), default), _operator, "evidence.test/log",
            new LedgerOptions { Parties = [_alpha.VerifierKey, _bravo.VerifierKey, _operator.VerifierKey] });
        await log.AppendAsync(EnvelopeSigner.Sign(_operator, new Ledger.Envelope.Envelope("operator", 1, T, "arrangement.genesis", document)));
        await log.AppendAsync(EnvelopeSigner.Sign(_alpha, new Ledger.Envelope.Envelope("alpha", 1, T, "note.kind", JsonSerializer.SerializeToElement(new { n = 1 }))));
        await log.AppendAsync(EnvelopeSigner.Sign(_bravo, new Ledger.Envelope.Envelope("bravo", 1, T, "note.kind", JsonSerializer.SerializeToElement(new { n = 2 }))));
        var note = await log.CheckpointAsync();
        var cosigned = note;
        foreach (var k in cosigners)
        {
            cosigned = await log.AddCosignatureAsync(3, Cosigner.Cosign(note, k, T));
        }

        var zip = new MemoryStream();
        await EvidenceWriter.WriteAsync(zip, log, cosigned, [2, 0, 1], document, [_operator.VerifierKey, _alpha.VerifierKey, _bravo.VerifierKey],
            Encoding.UTF8.GetBytes("{\"findings\":[],\"compliant\":[]}"));
        zip.Position = 0;
        return zip;
    }
}
