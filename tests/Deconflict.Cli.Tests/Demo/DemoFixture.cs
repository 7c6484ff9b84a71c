using Deconflict.Cli.Demo;
using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Demo;

/// <summary>Plays the built-in al-Malikiyah scenario once through the real server (in-process Kestrel on loopback, its
/// ledger on SQLite) for the demo, verify and report tests.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    internal DemoRunner.Output Output { get; private set; } = null!;

    internal string Dir => _dir.Path;

    public async Task InitializeAsync()
    {
        Output = await DemoRunner.RunAsync(null, _dir.Path, chromium: null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
