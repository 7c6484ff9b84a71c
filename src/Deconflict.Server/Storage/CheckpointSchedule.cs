using Deconflict.Ledger.Checkpoint;
using Deconflict.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Storage;

/// <summary>Signs a checkpoint of the ledger every <see cref="ServerOptions.CheckpointEvery"/> when it has grown since
/// the latest one, so the parties' witnesses (<c>deconflict witness</c>) always have a recent tree head to check and
/// cosign without anyone asking for it. Waits on the injected <see cref="TimeProvider"/>.</summary>
internal sealed class CheckpointSchedule(SignedLogActLog ledger, ServerOptions options, TimeProvider clock, ILogger<CheckpointSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CheckpointEvery <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(options.CheckpointEvery, clock, stoppingToken);
                try
                {
                    var latest = await ledger.Log.LatestCheckpointAsync(stoppingToken);
                    if (ledger.Log.Size > (latest is null ? 0 : Checkpoint.Parse(latest.Text).Size))
                    {
                        await ledger.Log.CheckpointAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.CheckpointFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
