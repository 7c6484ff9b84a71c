using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class LedgerProveCommandTests
{
    [Fact]
    public async Task Prove_EveryEntry_VerifiesWithDeconflictVerify()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(7);
        await LedgerScenario.Expect(0, "ledger", "checkpoint", "--dir", scenario.Ledger);

        for (int index = 0; index < 7; index++)
        {
            string file = scenario.Dir.File($"entry-{index}.tlog-proof");
            await LedgerScenario.Expect(0, "ledger", "prove", "--dir", scenario.Ledger, "--index", $"{index}", "--out", file);

            var verified = await LedgerScenario.Expect(0, "verify", file, "--vkey", scenario.OperatorVkey, "--vkey", scenario.Dir.File("us.vkey"), "--vkey", scenario.Dir.File("ru.vkey"));
            Assert.Contains($"index {index} of {LedgerScenario.Origin}", verified.Out, StringComparison.Ordinal);
            Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra ", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Prove_FlippedByteInProofFile_VerifyFails()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(3);
        string file = scenario.Dir.File("entry.tlog-proof");
        await LedgerScenario.Expect(0, "ledger", "prove", "--dir", scenario.Ledger, "--index", "1", "--out", file);
        string text = File.ReadAllText(file);
        int at = text.IndexOf("index 1\n", StringComparison.Ordinal) + "index 1\n".Length + 3;
        File.WriteAllText(file, text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..]);

        var result = await LedgerScenario.Expect(1, "verify", file, "--vkey", scenario.OperatorVkey, "--vkey", scenario.Dir.File("us.vkey"), "--vkey", scenario.Dir.File("ru.vkey"));

        Assert.Contains("FAILED", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prove_IndexBeyondSize_ExitsTwo()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(2);

        var result = await LedgerScenario.Expect(2, "ledger", "prove", "--dir", scenario.Ledger, "--index", "2", "--out", scenario.Dir.File("x"));

        Assert.Contains("beyond", result.Error, StringComparison.Ordinal);
    }
}
