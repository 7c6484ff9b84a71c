using System.Security.Cryptography;
using System.Text.Json;
using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class InitCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> ArrangementAsync(params string[] extra)
    {
        foreach (var party in new[] { "us", "uk", "ru" })
        {
            Assert.Equal(0, (await CliRunner.RunAsync("keygen", "--name", party, "--out", _dir.Path)).ExitCode);
        }

        var file = _dir.File("arrangement.json");
        var result = await CliRunner.RunAsync([
            "init", "arrangement", "--party", $"us={_dir.File("us.vkey")}", "--party", $"uk={_dir.File("uk.vkey")}", "--party", $"ru={_dir.File("ru.vkey")}",
            "--coalition", "us,uk", "--separation", "ground|ground=500", "--escalation", "duty-officer,chief-of-staff,hotline", "--out", file, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return file;
    }

    [Fact]
    public async Task InitSign_ByEveryParty_WritesSignaturesOverTheCanonicalArrangement()
    {
        var file = await ArrangementAsync();

        var first = await CliRunner.RunAsync("init", "sign", "--key", _dir.File("us.key"), file);
        Assert.Contains("still to sign: uk, ru", first.Out, StringComparison.Ordinal);
        await CliRunner.RunAsync("init", "sign", "--key", _dir.File("uk.key"), file);
        await CliRunner.RunAsync("init", "sign", "--key", _dir.File("us.key"), file);
        var last = await CliRunner.RunAsync("init", "sign", "--key", _dir.File("ru.key"), file);

        Assert.Contains("every party has signed", last.Out, StringComparison.Ordinal);
        var doc = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        var arrangement = doc.GetProperty("arrangement");
        Assert.Equal(500, arrangement.GetProperty("separationM").GetProperty("ground|ground").GetDouble());
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(arrangement)));
        var signatures = doc.GetProperty("signatures").EnumerateArray().ToList();
        Assert.Equal(3, signatures.Count);
        foreach (var signature in signatures)
        {
            var envelope = SignedEnvelope.Parse(JsonSerializer.SerializeToUtf8Bytes(signature));
            var key = VerifierKey.Parse(File.ReadAllText(_dir.File(envelope.Envelope.Party + ".vkey")));
            Assert.True(envelope.Verify(key));
            Assert.Equal(("arrangement.sign", digest), (envelope.Envelope.Kind, envelope.Envelope.Body.GetProperty("sha256").GetString()));
        }
    }

    [Fact]
    public async Task InitArrangement_ChainWithoutHotline_FailsNamingTheField()
    {
        foreach (var party in new[] { "us", "ru" })
        {
            await CliRunner.RunAsync("keygen", "--name", party, "--out", _dir.Path);
        }

        var result = await CliRunner.RunAsync("init", "arrangement", "--party", $"us={_dir.File("us.vkey")}", "--party", $"ru={_dir.File("ru.vkey")}",
            "--escalation", "duty-officer", "--out", _dir.File("a.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("escalationChain", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitSign_KeyOfAnOutsider_Fails()
    {
        var file = await ArrangementAsync();
        await CliRunner.RunAsync("keygen", "--name", "xx", "--out", _dir.Path);

        var result = await CliRunner.RunAsync("init", "sign", "--key", _dir.File("xx.key"), file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a party", result.Error, StringComparison.Ordinal);
    }
}
