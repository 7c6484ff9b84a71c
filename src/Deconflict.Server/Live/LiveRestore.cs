using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Live;

/// <summary>Gives the tracker back each unit's last recorded position once the ledger is replayed (it starts after
/// <c>LedgerReplay</c>, and before the CoT listener and Kestrel take reports).</summary>
internal sealed class LiveRestore(LiveTracker live, ILogger<LiveRestore> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LiveLog.Restored(logger, live.Restore());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
