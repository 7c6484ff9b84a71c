using Deconflict.Server.Acts;
using Deconflict.Server.Hosting;
using Deconflict.Server.Projection;
using Deconflict.Server.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Deadlines;

/// <summary>
/// Fires the acts the clock makes due (escalations at request deadlines, expiry of movements not cleared by their start)
/// as operator entries in the ledger. It waits on the injected <see cref="TimeProvider"/> until the next due instant or
/// the next change of state; after a restart, overdue acts fire at once, since the deadlines are in the replayed state.
/// </summary>
internal sealed class DeadlineService(ActPipeline pipeline, DeconflictState state, EventSignal signal, TimeProvider clock, ILogger<DeadlineService> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = signal.Next;
            try
            {
                await pipeline.FireDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.DeadlineLoopFailed(logger, e);
            }

            DateTimeOffset? next;
            lock (state.Gate)
            {
                next = state.NextDue();
            }

            var wait = next is { } due ? due - clock.GetUtcNow() : Idle;
            if (wait > TimeSpan.Zero)
            {
                // The timer is cancelled when a change wakes the loop first, so wake-ups leave no timers behind.
                using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(wait < Idle ? wait : Idle, clock, woken.Token);
                await Task.WhenAny(changed, delay);
                await woken.CancelAsync();
            }
        }
    }
}
