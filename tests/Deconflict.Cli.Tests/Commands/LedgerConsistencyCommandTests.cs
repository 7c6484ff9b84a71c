using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class LedgerConsistencyCommandTests
{
    [Fact]
    public async Task Consistency_FromEarlierCheckpoint_ProofVerifiesBetweenCheckpointRoots()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        var key = VerifierKey.Parse(File.ReadAllText(scenario.OperatorVkey));
        await scenario.AppendManyAsync(3, "first.ndjson");
        var old = CheckpointVerifier.Verify((await LedgerScenario.Expect(0, "ledger", "checkpoint", "--dir", scenario.Ledger)).Out, [key]).Checkpoint;
        await scenario.AppendManyAsync(6, "second.ndjson");
        var latest = CheckpointVerifier.Verify((await LedgerScenario.Expect(0, "ledger", "checkpoint", "--dir", scenario.Ledger)).Out, [key]).Checkpoint;

        var result = await LedgerScenario.Expect(0, "ledger", "consistency", "--dir", scenario.Ledger, "--old", "3");

        string[] lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal($"old 3 {Convert.ToBase64String(old.RootHash.Span)}", lines[0]);
        Assert.Equal($"new 9 {Convert.ToBase64String(latest.RootHash.Span)}", lines[1]);
        var proof = lines[2..].Select(Convert.FromBase64String).ToList();
        Assert.True(MerkleVerifier.VerifyConsistency(3, 9, proof, old.RootHash.Span, latest.RootHash.Span));
    }

    [Fact]
    public async Task Consistency_OldBeyondSize_ExitsTwo()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(2);

        await LedgerScenario.Expect(2, "ledger", "consistency", "--dir", scenario.Ledger, "--old", "3");
    }
}
