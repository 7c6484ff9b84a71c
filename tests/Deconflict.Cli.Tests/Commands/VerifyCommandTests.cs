using System.Text;
using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Proof;

namespace Deconflict.Cli.Tests.Commands;

/// <summary>End to end with real files: keys from <c>keygen</c>, envelopes from <c>sign</c>, a proof file built from
/// them with the ledger library, then <c>verify</c>, intact and with every part tampered with.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class VerifyCommandTests : IAsyncLifetime
{
    private const string Origin = "deconflict.example/ledger";
    private readonly TempDir _dir = new();
    private string _proofText = "";

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { Origin, "us", "ru" })
        {
            Assert.Equal(0, (await CliRunner.RunAsync("keygen", "--name", name, "--out", _dir.Path)).ExitCode);
        }

        var leaves = new List<byte[]>();
        for (var i = 0; i < 5; i++)
        {
            File.WriteAllText(_dir.File("body.json"), $$"""{"n":{{i}}}""");
            var party = i % 2 == 0 ? "us" : "ru";
            var signed = await CliRunner.RunAsync("sign", "--key", _dir.File(party + ".key"), "--kind", "declaration", _dir.File("body.json"));
            leaves.Add(Encoding.UTF8.GetBytes(signed.Out.TrimEnd('\n')));
        }

        // A five-entry log: leaf hashes, root, and the audit path of entry 2 by RFC 6962's definition.
        var hashes = leaves.Select(leaf => MerkleHash.LeafHash(leaf)).ToArray();
        var left = MerkleHash.NodeHash(MerkleHash.NodeHash(hashes[0], hashes[1]), MerkleHash.NodeHash(hashes[2], hashes[3]));
        var root = MerkleHash.NodeHash(left, hashes[4]);
        byte[][] path = [hashes[3], MerkleHash.NodeHash(hashes[0], hashes[1]), hashes[4]];

        using var log = SignerKey.Parse(File.ReadAllText(_dir.File("deconflict.example_ledger.key")));
        using var us = SignerKey.Parse(File.ReadAllText(_dir.File("us.key")));
        using var ru = SignerKey.Parse(File.ReadAllText(_dir.File("ru.key")));
        var note = CheckpointSigner.Sign(new Checkpoint(Origin, 5, root), log);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_764_072_000);
        note = note.WithSignature(Cosigner.Cosign(note, us, at)).WithSignature(Cosigner.Cosign(note, ru, at));
        _proofText = new ProofFile(2, path, note, leaves[2]).Format();
        File.WriteAllText(_dir.File("entry.tlog-proof"), _proofText);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_IntactProof_PrintsWhatItVerified()
    {
        var result = await Verify(_dir.File("entry.tlog-proof"), "--min-cosignatures", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"index 2 of {Origin}, included in the tree of size 5", result.Out, StringComparison.Ordinal);
        Assert.Contains("party us, kind declaration, seq 2", result.Out, StringComparison.Ordinal);
        Assert.Contains($"log key     {Origin}+", result.Out, StringComparison.Ordinal);
        Assert.Contains("cosigned    us+", result.Out, StringComparison.Ordinal);
        Assert.Contains("cosigned    ru+", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_VkeyGivenAsKeyLine_Verifies()
    {
        var keyLines = new[] { "deconflict.example_ledger", "us", "ru" }.SelectMany(n => new[] { "--vkey", File.ReadAllText(_dir.File(n + ".vkey")).Trim() });

        Assert.Equal(0, (await CliRunner.RunAsync(["verify", _dir.File("entry.tlog-proof"), .. keyLines])).ExitCode);
    }

    public static TheoryData<string, string> Parts => new()
    {
        { "header", "proof file: proof.malformed: line 1" },
        { "extra", "entry" },
        { "index", "inclusion proof: " },
        { "proof hash", "inclusion proof: " },
        { "checkpoint body", "checkpoint: note.bad-signature" },
        { "log signature", "checkpoint: note.bad-signature" },
        { "log key name", "checkpoint: checkpoint.unsigned" },
        { "cosignature", "checkpoint: note.bad-signature" },
        { "cosigner name", "cosignatures: 1 known cosigner(s) verified, 2 required" },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task Verify_FlippedByteInPart_ExitsOneNamingWhatFailed(string part, string expected)
    {
        File.WriteAllBytes(_dir.File("tampered.tlog-proof"), Flip(part));

        var result = await Verify(_dir.File("tampered.tlog-proof"), "--min-cosignatures", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("FAILED: " + expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EveryFlippedByte_ExitsOne()
    {
        var bytes = Encoding.UTF8.GetBytes(_proofText);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x02;
            File.WriteAllBytes(_dir.File("tampered.tlog-proof"), tampered);

            Assert.Equal(1, (await Verify(_dir.File("tampered.tlog-proof"), "--min-cosignatures", "2")).ExitCode);
        }
    }

    [Fact]
    public async Task Verify_WithoutThePartysKey_ExitsOneNamingTheParty()
    {
        var result = await CliRunner.RunAsync("verify", _dir.File("entry.tlog-proof"), "--vkey", _dir.File("deconflict.example_ledger.vkey"), "--vkey", _dir.File("ru.vkey"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("entry signature: no key given for the party 'us'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Origin, 0)]
    [InlineData("ru", 1)]
    public async Task Verify_LogNamed_AcceptsOnlyThatKeyAsTheLogs(string log, int exitCode) =>
        Assert.Equal(exitCode, (await Verify(_dir.File("entry.tlog-proof"), "--log", log)).ExitCode);

    [Fact]
    public async Task Verify_MissingFile_ExitsUnusableInput() =>
        Assert.Equal(2, (await Verify(_dir.File("nothing.tlog-proof"))).ExitCode);

    [Fact]
    public async Task Verify_MalformedVkey_ExitsUnusableInput() =>
        Assert.Equal(2, (await CliRunner.RunAsync("verify", _dir.File("entry.tlog-proof"), "--vkey", "not-a-key")).ExitCode);

    private Task<CliResult> Verify(string file, params string[] extra) =>
        CliRunner.RunAsync(["verify", file, "--vkey", _dir.File("deconflict.example_ledger.vkey"), "--vkey", _dir.File("us.vkey"), "--vkey", _dir.File("ru.vkey"), .. extra]);

    /// <summary>The proof file with one byte changed inside the named part: inside base64 fields, to another base64
    /// character (so the damage reaches the bytes instead of making the line unreadable), elsewhere by flipping a bit.</summary>
    private byte[] Flip(string part)
    {
        var lines = _proofText.Split('\n');
        var blank = Array.IndexOf(lines, "");
        var (line, column) = part switch
        {
            "header" => (0, 3),
            "extra" => (1, 20),
            "index" => (2, 6),
            "proof hash" => (3, 10),
            "checkpoint body" => (blank + 2, 0),             // the size line
            "log signature" => (blank + 5, lines[blank + 5].Length - 10),
            "log key name" => (blank + 5, 4),
            "cosignature" => (blank + 6, lines[blank + 6].Length - 10),
            "cosigner name" => (blank + 7, 2),               // "— ru": the 'r'
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };

        var offset = Encoding.UTF8.GetByteCount(string.Join('\n', lines[..line]) + (line > 0 ? "\n" : "")) + Encoding.UTF8.GetByteCount(lines[line][..column]);
        var bytes = Encoding.UTF8.GetBytes(_proofText);
        var inBase64 = part is "extra" or "proof hash" or "log signature" or "cosignature";
        bytes[offset] = inBase64 ? (byte)(bytes[offset] == 'A' ? 'B' : 'A') : (byte)(bytes[offset] ^ 0x01);
        return bytes;
    }
}
