namespace Deconflict.Cli.Tests.Support;

/// <summary>A real ledger folder built through the CLI: keys from <c>keygen</c> (operator "notary.example/log",
/// parties "us" and "ru"), <c>ledger init</c>, and signed envelopes from <c>sign</c> written to files.</summary>
internal sealed class LedgerScenario : IDisposable
{
    public const string Origin = "notary.example/log";

    private LedgerScenario(TempDir dir) => Dir = dir;

    public TempDir Dir { get; }

    public string Ledger => Dir.File("ledger");

    public string OperatorKey => Dir.File("notary.example_log.key");

    public string OperatorVkey => Dir.File("notary.example_log.vkey");

    public static async Task<LedgerScenario> CreateAsync()
    {
        var scenario = new LedgerScenario(new TempDir());
        foreach (string name in new[] { Origin, "us", "ru" })
        {
            await Expect(0, "keygen", "--name", name, "--out", scenario.Dir.Path);
        }

        await Expect(0, "ledger", "init", "--dir", scenario.Ledger, "--origin", Origin, "--key", scenario.OperatorKey,
            "--party", scenario.Dir.File("us.vkey"), "--party", scenario.Dir.File("ru.vkey"));
        return scenario;
    }

    /// <summary>Signs a body as <paramref name="party"/> with the next seq and returns the envelope line.</summary>
    public async Task<string> SignAsync(string party, int n, long? seq = null)
    {
        File.WriteAllText(Dir.File("body.json"), $$"""{"n":{{n}}}""");
        string[] args = seq is null
            ? ["sign", "--key", Dir.File(party + ".key"), "--kind", "declaration", Dir.File("body.json")]
            : ["sign", "--key", Dir.File(party + ".key"), "--kind", "declaration", "--seq", seq.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Dir.File("body.json")];
        return (await Expect(0, args)).Out.TrimEnd('\n');
    }

    /// <summary>Signs <paramref name="count"/> envelopes alternating us/ru into one NDJSON file and appends it.</summary>
    public async Task<CliResult> AppendManyAsync(int count, string file = "batch.ndjson")
    {
        var lines = new List<string>();
        for (int i = 0; i < count; i++)
        {
            lines.Add(await SignAsync(i % 2 == 0 ? "us" : "ru", i));
        }

        File.WriteAllText(Dir.File(file), string.Join('\n', lines) + "\n");
        return await Expect(0, "ledger", "append", "--dir", Ledger, Dir.File(file));
    }

    public static async Task<CliResult> Expect(int exitCode, params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"deconflict {string.Join(' ', args)} exited {result.ExitCode}, expected {exitCode}\nout: {result.Out}\nerr: {result.Error}");
        return result;
    }

    public void Dispose() => Dir.Dispose();
}
