using System.Text.Json;
using Deconflict.Cli.Commands;
using Deconflict.Cli.Demo;
using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Demo;

/// <summary>Plays the built-in al-Malikiyah scenario once (real keys, SignedLog on SQLite) for the demo, verify and report tests.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    internal DemoRunner.Output Output { get; private set; } = null!;

    internal string Dir => _dir.Path;

    public async Task InitializeAsync()
    {
        using var scenario = JsonDocument.Parse(typeof(DemoCommand).Assembly.GetManifestResourceStream(DemoCommand.BuiltInScenario)!);
        Output = await DemoRunner.RunAsync(scenario.RootElement, _dir.Path, chromium: null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
