using Deconflict.Server.Hosting;

namespace Deconflict.Server.Demo;

/// <summary>Runs the real server in-process for <c>deconflict demo</c>: Kestrel on 127.0.0.1 (a free port), the ledger in a
/// data folder, <c>--demo</c> playing the scenario through the API; stops it once the play is done.</summary>
internal static class DemoServer
{
    /// <summary>Plays <paramref name="scenarioFile"/> (null: the built-in scenario) into a server on <paramref name="dataDirectory"/>,
    /// which should hold no ledger yet.</summary>
    /// <returns>The play's result and the scenario.</returns>
    /// <exception cref="InvalidOperationException">The ledger was already played, or the server refused a step.</exception>
    public static async Task<(DemoPlayer.Played Played, DemoScenario Scenario)> PlayAsync(string dataDirectory, string? scenarioFile, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "--data", dataDirectory, "--demo", "--urls", "http://127.0.0.1:0", "--cot-port", "0", "--cot-address", "127.0.0.1",
            "--Logging:LogLevel:Default", "Error", .. scenarioFile is null ? Array.Empty<string>() : ["--demo-scenario", scenarioFile],
        ];
        await using var app = DeconflictApp.Build(args);
        await app.StartAsync(cancellationToken);
        try
        {
            var played = await app.Services.GetRequiredService<DemoService>().Completion.WaitAsync(cancellationToken)
                ?? throw new InvalidOperationException($"the ledger in {dataDirectory} was already played; use an empty folder");
            return (played, app.Services.GetRequiredService<DemoScenario>());
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
