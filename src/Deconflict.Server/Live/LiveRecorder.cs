using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Server.Acts;
using Deconflict.Server.Problems;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Live;

/// <summary>Puts live tracking into the ledger as the operator: each alert as soon as it is raised or cleared (its entry
/// is what both parties' streams show), the directly received reports as <c>track.attested</c> batches once a second per
/// party and connection (at most <see cref="MaxReportsPerEntry"/> reports an entry), and sweeps for stale tracks.</summary>
/// <remarks>Ledger growth and the CoT session protocol: docs/formats/live-tracking.md.</remarks>
internal sealed class LiveRecorder(LiveTracker live, ActPipeline pipeline, TimeProvider clock, ILogger<LiveRecorder> logger) : BackgroundService
{
    /// <summary>At most this many reports go in one <c>track.attested</c> entry, keeping it well under the envelope limit.</summary>
    public const int MaxReportsPerEntry = 400;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    // One recording pass at a time: the loop's, or a scripted caller's.
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>While true, the loop records nothing on its own: a script (the demo) calls <see cref="RecordNowAsync"/>
    /// after each step, so the ledger's order does not depend on wall-clock timing.</summary>
    public bool Scripted { get; set; }

    /// <summary>Records every pending alert, sweeps for stale tracks at <paramref name="sweepAt"/>, and flushes the attested reports.</summary>
    public async Task RecordNowAsync(DateTimeOffset sweepAt)
    {
        await _turn.WaitAsync();
        try
        {
            await AppendAlertsAsync();
            await live.SweepAsync(sweepAt, CancellationToken.None);
            await AppendAlertsAsync();
            await FlushAttestedAsync();
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = DateTime.UtcNow + Tick;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Wake for an alert at once, otherwise once a second (wall time: batching is about load, not the domain clock).
                var wait = next - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await live.Alerts.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                    }
                }

                if (Scripted)
                {
                    await Task.Delay(Tick, stoppingToken);
                    continue;
                }

                await _turn.WaitAsync(stoppingToken);
                try
                {
                    await AppendAlertsAsync();
                    if (DateTime.UtcNow >= next)
                    {
                        next = DateTime.UtcNow + Tick;
                        await live.SweepAsync(clock.GetUtcNow(), stoppingToken);
                        await FlushAttestedAsync();
                    }
                }
                finally
                {
                    _turn.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ActException e)
            {
                LiveLog.RecordFailed(logger, e.Code, e);
            }
        }

        await FlushAttestedAsync();
    }

    private async Task AppendAlertsAsync()
    {
        while (live.Alerts.TryRead(out var alert))
        {
            var kind = alert.Transition == Track.AlertTransition.Raised ? ActKinds.AlertRaised : ActKinds.AlertCleared;
            await pipeline.AppendOperatorAsync(kind, JsonNode.Parse(LiveTracker.BodyOf(alert).GetRawText())!.AsObject());
        }
    }

    private async Task FlushAttestedAsync()
    {
        foreach (var (party, connection, reports) in live.TakeAttested())
        {
            foreach (var chunk in reports.Chunk(MaxReportsPerEntry))
            {
                var body = new JsonObject
                {
                    ["party"] = party,
                    ["connection"] = connection,
                    ["reports"] = new JsonArray([.. chunk.Select(r => (JsonNode)r.ToJson())]),
                };
                await pipeline.AppendOperatorAsync(ActKinds.TrackAttested, body);
            }
        }
    }
}
