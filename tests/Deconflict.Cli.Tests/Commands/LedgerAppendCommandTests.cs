using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class LedgerAppendCommandTests
{
    [Fact]
    public async Task Append_NdjsonAndSingleFiles_AppendsAllInOrder()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        var batch = await scenario.AppendManyAsync(6);
        File.WriteAllText(scenario.Dir.File("one.json"), await scenario.SignAsync("us", 100));

        var single = await LedgerScenario.Expect(0, "ledger", "append", "--dir", scenario.Ledger, scenario.Dir.File("one.json"));

        Assert.Contains("batch.ndjson:6 at index 5", batch.Out, StringComparison.Ordinal);
        Assert.Contains("appended", single.Out, StringComparison.Ordinal);
        Assert.Contains("at index 6", single.Out, StringComparison.Ordinal);
        Assert.Contains("ledger size 7", single.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_SameFileTwice_ReportsDuplicatesAtFirstIndexes()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(3);

        var again = await LedgerScenario.Expect(0, "ledger", "append", "--dir", scenario.Ledger, scenario.Dir.File("batch.ndjson"));

        Assert.Contains("duplicate", again.Out, StringComparison.Ordinal);
        Assert.Contains("ledger size 3", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_ReplayedSeqAndUnknownParty_RefusedWithExitOneOthersAppended()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(2);
        await LedgerScenario.Expect(0, "keygen", "--name", "stranger", "--out", scenario.Dir.Path);
        string replay = await scenario.SignAsync("us", 99, seq: 1);
        string stranger = await scenario.SignAsync("stranger", 1);
        string fine = await scenario.SignAsync("ru", 5);
        File.WriteAllText(scenario.Dir.File("mixed.ndjson"), string.Join('\n', replay, stranger, fine, "{not json"));

        var result = await LedgerScenario.Expect(1, "ledger", "append", "--dir", scenario.Ledger, scenario.Dir.File("mixed.ndjson"));

        Assert.Contains("mixed.ndjson:1: envelope.replayed-seq", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.ndjson:2: envelope.unknown-party", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.ndjson:4: envelope.malformed", result.Error, StringComparison.Ordinal);
        Assert.Contains("ledger size 3", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_NoLedgerInFolder_ExitsTwoNamingTheFolder()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("e.json"), "{}");

        var result = await LedgerScenario.Expect(2, "ledger", "append", "--dir", dir.File("nowhere"), dir.File("e.json"));

        Assert.Contains("holds no ledger", result.Error, StringComparison.Ordinal);
    }
}
