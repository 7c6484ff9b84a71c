using Microsoft.Extensions.Hosting;

namespace Deconflict.Server.Live;

/// <summary>Sends live alerts back to the TAK connections of the parties concerned as CoT, off the ingest path: the
/// tracker queues them, this loop writes them in batches, one write per connection.</summary>
internal sealed class AlertSender(LiveTracker live) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await live.SendAlertsAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
