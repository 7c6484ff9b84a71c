using System.Text;
using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class SignCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public SignCommandTests()
    {
        using var key = SignerKey.Generate("us");
        File.WriteAllText(_dir.File("us.key"), key.ToString());
        File.WriteAllText(_dir.File("us.vkey"), key.VerifierKey.ToString());
        File.WriteAllText(_dir.File("body.json"), """{ "zone": "A1", "alt": [0, 1500.0] }""");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sign_Body_PrintsOneVerifyingCanonicalEnvelopeLine()
    {
        var result = await CliRunner.RunAsync("sign", "--key", _dir.File("us.key"), "--kind", "declaration", _dir.File("body.json"));

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var signed = SignedEnvelope.Parse(Encoding.UTF8.GetBytes(line));
        Assert.Equal(line, signed.ToString());
        Assert.True(signed.Verify(VerifierKey.Parse(File.ReadAllText(_dir.File("us.vkey")))));
        Assert.Equal("declaration", signed.Envelope.Kind);
        Assert.Equal(1500, signed.Envelope.Body.GetProperty("alt")[1].GetInt32());
    }

    [Fact]
    public async Task Sign_Repeatedly_IncrementsSeqKeptBesideTheKey()
    {
        var seqs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var result = await CliRunner.RunAsync("sign", "--key", _dir.File("us.key"), "--kind", "k", _dir.File("body.json"));
            seqs.Add(SignedEnvelope.Parse(Encoding.UTF8.GetBytes(result.Out.Trim())).Envelope.Seq);
        }

        Assert.Equal([1, 2, 3], seqs);
        Assert.Equal("3", File.ReadAllText(_dir.File("us.key.seq")).Trim());
    }

    [Fact]
    public async Task Sign_ExplicitSeq_UsesItAndLaterSeqsContinueAboveIt()
    {
        var explicitSeq = await CliRunner.RunAsync("sign", "--key", _dir.File("us.key"), "--kind", "k", "--seq", "41", _dir.File("body.json"));
        var next = await CliRunner.RunAsync("sign", "--key", _dir.File("us.key"), "--kind", "k", _dir.File("body.json"));

        Assert.Equal(41, SignedEnvelope.Parse(Encoding.UTF8.GetBytes(explicitSeq.Out.Trim())).Envelope.Seq);
        Assert.Equal(42, SignedEnvelope.Parse(Encoding.UTF8.GetBytes(next.Out.Trim())).Envelope.Seq);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{not json")]
    public async Task Sign_BodyNotASignableObject_ExitsUnusableInput(string body)
    {
        File.WriteAllText(_dir.File("bad.json"), body);

        var result = await CliRunner.RunAsync("sign", "--key", _dir.File("us.key"), "--kind", "k", _dir.File("bad.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("deconflict: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_MissingKeyFile_ExitsUnusableInput() =>
        Assert.Equal(2, (await CliRunner.RunAsync("sign", "--key", _dir.File("nobody.key"), "--kind", "k", _dir.File("body.json"))).ExitCode);
}
