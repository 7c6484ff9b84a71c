using System.Text.Json;
using Deconflict.Server.Hosting;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Demo;

/// <summary>Under <c>--demo</c>: once the server listens, plays the scenario into an empty ledger through the API (see
/// <see cref="DemoPlayer"/>), writes the incident's bundle to <c>DATA/INCIDENT.zip</c>, then hands the clock
/// over to the system clock so the ledger can be browsed with the parties' keys. A ledger that already holds entries is
/// left as it is.</summary>
internal sealed class DemoService(DemoPlayer player, DemoScenario scenario, DeconflictState state, ScenarioClock clock, IServer server,
    IHostApplicationLifetime lifetime, ServerOptions options, ILogger<DemoService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<DemoPlayer.Played?> _played = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with what the play produced, or null when the ledger had already been played.</summary>
    public Task<DemoPlayer.Played?> Completion => _played.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitUntilListeningAsync(stoppingToken);
            bool played;
            lock (state.Gate)
            {
                played = state.Book is not null;
            }

            if (played)
            {
                Log.DemoAlreadyPlayed(logger, options.DataDirectory);
                clock.Release();
                _played.TrySetResult(null);
                return;
            }

            var result = await player.PlayAsync(scenario.Document, LoopbackAddress(), stoppingToken);
            await File.WriteAllBytesAsync(Path.Combine(options.DataDirectory, result.Incident + ".zip"), result.Bundle, stoppingToken);
            Log.DemoPlayed(logger, scenario.Name, result.LedgerSize, result.Incident, result.KeysDirectory);
            clock.Release();
            _played.TrySetResult(result);
        }
        catch (Exception e)
        {
            Log.DemoFailed(logger, e);
            _played.TrySetException(e);
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    // The server's own address on loopback: a wildcard or named host becomes 127.0.0.1, so the play never leaves the machine.
    private Uri LoopbackAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.Select(a => new Uri(a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)))
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("the server listens on no address");
        return new UriBuilder(address) { Host = address.Host == "[::1]" ? address.Host : "127.0.0.1" }.Uri;
    }
}

/// <summary>The scenario <c>--demo</c> plays: <c>--demo-scenario FILE</c>, or the built-in al-Malikiyah 2020 scenario.</summary>
internal sealed class DemoScenario(JsonDocument document)
{
    /// <summary>The manifest name of the built-in scenario (a copy of <c>scenarios/al-malikiyah-2020.json</c>).</summary>
    public const string BuiltIn = "scenarios/al-malikiyah-2020.json";

    public JsonElement Document => document.RootElement;

    public string Name => Document.GetProperty("name").GetString()!;

    /// <summary>The first step's time: the scenario clock starts an hour before it.</summary>
    public DateTimeOffset FirstStep => ScenarioEvent.Read(Document)[0].At;

    public static DemoScenario Load(string? file) => new(file is null
        ? JsonDocument.Parse(typeof(DemoScenario).Assembly.GetManifestResourceStream(BuiltIn)!)
        : JsonDocument.Parse(File.ReadAllBytes(file)));
}
