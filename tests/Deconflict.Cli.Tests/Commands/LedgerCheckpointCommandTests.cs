using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class LedgerCheckpointCommandTests
{
    [Fact]
    public async Task Checkpoint_AfterAppends_PrintsNoteSignedByOperatorWithSize()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(4);

        var result = await LedgerScenario.Expect(0, "ledger", "checkpoint", "--dir", scenario.Ledger);

        var verified = CheckpointVerifier.Verify(result.Out, [VerifierKey.Parse(File.ReadAllText(scenario.OperatorVkey))]);
        Assert.Equal(LedgerScenario.Origin, verified.Checkpoint.Origin);
        Assert.Equal(4, verified.Checkpoint.Size);
    }
}
