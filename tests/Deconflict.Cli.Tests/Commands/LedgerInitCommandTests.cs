using System.Text.Json;
using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class LedgerInitCommandTests
{
    [Fact]
    public async Task Init_WithKeyAndParties_WritesConfigAndPrivateKeyCopy()
    {
        using var scenario = await LedgerScenario.CreateAsync();

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(scenario.Ledger, "ledger.json")));
        Assert.Equal(LedgerScenario.Origin, config.RootElement.GetProperty("origin").GetString());
        Assert.Equal(2, config.RootElement.GetProperty("parties").GetArrayLength());
        string keyCopy = Path.Combine(scenario.Ledger, config.RootElement.GetProperty("operatorKey").GetString()!);
        Assert.Equal(File.ReadAllText(scenario.OperatorKey), File.ReadAllText(keyCopy));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyCopy));
        }

        Assert.True(File.Exists(Path.Combine(scenario.Ledger, "ledger.db")));
    }

    [Fact]
    public async Task Init_FolderAlreadyHoldsLedger_RefusesAndKeepsIt()
    {
        using var scenario = await LedgerScenario.CreateAsync();
        await scenario.AppendManyAsync(1);

        var again = await LedgerScenario.Expect(2, "ledger", "init", "--dir", scenario.Ledger, "--origin", "other", "--key", scenario.OperatorKey);

        Assert.Contains("already holds a ledger", again.Error, StringComparison.Ordinal);
        Assert.Contains(LedgerScenario.Origin, File.ReadAllText(Path.Combine(scenario.Ledger, "ledger.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_MalformedPartyKey_RefusedAsUnusableInput()
    {
        using var scenario = await LedgerScenario.CreateAsync();

        var result = await LedgerScenario.Expect(2, "ledger", "init", "--dir", scenario.Dir.File("other"), "--origin", "o", "--key", scenario.OperatorKey, "--party", "not-a-key");

        Assert.Contains("key.malformed", result.Error, StringComparison.Ordinal);
    }
}
