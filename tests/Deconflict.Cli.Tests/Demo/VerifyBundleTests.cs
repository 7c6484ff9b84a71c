using System.IO.Compression;
using System.Text;
using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Evidence;

namespace Deconflict.Cli.Tests.Demo;

[Collection(ConsoleCollection.Name)]
public sealed class VerifyBundleTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private string Bundle => demo.Output.Bundle;

    [Fact]
    public async Task Verify_DemoBundleWithoutKeys_PassesPrintsFingerprintsAndEachFindingWithItsEntries()
    {
        var result = await CliRunner.RunAsync("verify", Bundle);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cosigned by rus, sdf, usa", result.Out, StringComparison.Ordinal);
        Assert.Contains("trusted because every party signed the arrangement", result.Out, StringComparison.Ordinal);
        Assert.Contains("fingerprint ", result.Out, StringComparison.Ordinal);
        Assert.Contains("identical to findings.json (13 finding(s), 8 compliant fact(s))", result.Out, StringComparison.Ordinal);
        Assert.Contains("FINDING rus notice: declared rus-mp-convoy-3 at 2020-08-25T08:05:00.000Z", result.Out, StringComparison.Ordinal);
        Assert.Contains("    entry 19: rus movement.declare seq 2 at 2020-08-25T08:05:00.000Z", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DemoBundleWithEveryKey_Passes()
    {
        var keys = new[] { "usa", "sdf", "rus", "operator" }.SelectMany(k => new[] { "--vkey", Path.Combine(demo.Dir, "keys", k + ".vkey") });

        var result = await CliRunner.RunAsync(["verify", Bundle, .. keys]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the --vkey keys given", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnotherKeyForAParty_FailsNamingTheArrangementKey()
    {
        using var dir = new TempDir();
        using var other = Ledger.Keys.SignerKey.Generate("usa");
        File.WriteAllText(dir.File("usa.vkey"), other.VerifierKey + "\n");
        var keys = new[] { "sdf", "rus", "operator" }.SelectMany(k => new[] { "--vkey", Path.Combine(demo.Dir, "keys", k + ".vkey") });

        var result = await CliRunner.RunAsync(["verify", Bundle, "--vkey", dir.File("usa.vkey"), .. keys]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("deconflict: FAILED: arrangement: the key of 'usa' in the arrangement (", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FlippedByteInAnEntry_FailsNamingTheEntry()
    {
        var result = await VerifyTampered(EvidenceLayout.Entry(19), bytes => Flip(bytes, Encoding.UTF8.GetString(bytes).IndexOf("08:15", StringComparison.Ordinal) + 1));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("deconflict: FAILED: entry 19: the signature of 'rus' does not verify", result.Error.Trim());
    }

    [Fact]
    public async Task Verify_FlippedByteInAProof_FailsNamingTheProof()
    {
        var result = await VerifyTampered(EvidenceLayout.Proof(19), bytes => Flip(bytes, 3));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("deconflict: FAILED: proof of entry 19: the entry and its ", result.Error, StringComparison.Ordinal);
        Assert.Contains("do not lead to the checkpoint's root at size 172", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FlippedByteInTheCheckpoint_FailsNamingTheCheckpoint()
    {
        // The third line of the note is the root hash.
        var result = await VerifyTampered(EvidenceLayout.CheckpointFile, bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            return Flip(bytes, text.IndexOf('\n', text.IndexOf('\n') + 1) + 2);
        });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("deconflict: FAILED: checkpoint: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingEntry_FailsNamingTheEntry()
    {
        var result = await VerifyTampered(EvidenceLayout.Entry(19), null);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("deconflict: FAILED: missing entry 19: entries/00000019.json is not in the bundle", result.Error.Trim());
    }

    [Fact]
    public async Task Verify_FindingRemoved_FailsBecauseReAdjudicationDiffers()
    {
        var result = await VerifyTampered(EvidenceLayout.FindingsFile, bytes => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"rule\": \"notice\"", "\"rule\": \"notice-ok\"", StringComparison.Ordinal)));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("deconflict: FAILED: findings: re-running the adjudication on the bundled entries gives different findings than findings.json", result.Error.Trim());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(-1000)]
    public async Task Verify_FlippedByteInTheZipFile_Fails(int offset)
    {
        using var dir = new TempDir();
        var copy = dir.File("raw.zip");
        var bytes = File.ReadAllBytes(Bundle);
        bytes[(bytes.Length / 2) + offset] ^= 0x01;
        File.WriteAllBytes(copy, bytes);

        var result = await CliRunner.RunAsync("verify", copy);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("deconflict: FAILED: ", result.Error, StringComparison.Ordinal);
    }

    // Rebuilds the bundle as the writer does (stored members, fixed time), with one member changed or left out: a
    // careful forger's copy, so what fails is the check of that member's content, not the zip's structure.
    private async Task<CliResult> VerifyTampered(string member, Func<byte[], byte[]>? change)
    {
        using var dir = new TempDir();
        var copy = dir.File("tampered.zip");
        using (var source = ZipFile.OpenRead(Bundle))
        using (var target = ZipFile.Open(copy, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                byte[] bytes;
                using (var s = entry.Open())
                using (var buffer = new MemoryStream())
                {
                    s.CopyTo(buffer);
                    bytes = buffer.ToArray();
                }

                if (entry.FullName == member)
                {
                    if (change is null)
                    {
                        continue;
                    }

                    bytes = change(bytes);
                }

                var written = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
                written.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var w = written.Open();
                w.Write(bytes);
            }
        }

        return await CliRunner.RunAsync("verify", copy);
    }

    [Fact]
    public async Task Verify_UnchangedRebuild_Passes()
    {
        var result = await VerifyTampered(EvidenceLayout.ReadmeFile, bytes => bytes);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Verify_KeyFileReplaced_FailsNamingTheKeyFile()
    {
        using var other = Ledger.Keys.SignerKey.Generate("usa");

        var result = await VerifyTampered(EvidenceLayout.Key("usa"), _ => Encoding.UTF8.GetBytes(other.VerifierKey + "\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("deconflict: FAILED: keys/usa.vkey: is not the key usa+", result.Error, StringComparison.Ordinal);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = copy[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        return copy;
    }
}
