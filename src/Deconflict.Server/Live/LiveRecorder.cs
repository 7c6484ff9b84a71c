using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Server.Acts;
using Deconflict.Server.Problems;
using Deconflict.Track;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Live;

/// <summary>Puts live tracking into the ledger as the operator: the alerts as soon as they are raised or cleared, those
/// raised together in one <c>alert.batch</c> entry (at most <see cref="MaxAlertsPerEntry"/>; the entry is what both
/// parties' streams show), the directly received reports as <c>track.attested</c> batches once a second per
/// party and connection (at most <see cref="MaxReportsPerEntry"/> reports an entry), and sweeps for stale tracks.</summary>
/// <remarks>Ledger growth and the CoT session protocol: docs/formats/live-tracking.md.</remarks>
internal sealed class LiveRecorder(LiveTracker live, ActPipeline pipeline, TimeProvider clock, ILogger<LiveRecorder> logger) : BackgroundService
{
    /// <summary>At most this many reports go in one <c>track.attested</c> entry, keeping it well under the envelope limit.</summary>
    public const int MaxReportsPerEntry = 400;

    /// <summary>At most this many alerts go in one <c>alert.batch</c> entry (about 300 bytes each: well under the envelope
    /// limit).</summary>
    public const int MaxAlertsPerEntry = 1000;

    /// <summary>At most this many <c>alert.batch</c> entries are appended together, sharing one wait for durability.</summary>
    public const int MaxAlertEntriesPerAppend = 16;

    /// <summary>At most this many <c>track.attested</c> entries are appended together, sharing one wait for durability.</summary>
    public const int MaxAttestedEntriesPerAppend = 500;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    // One recording pass at a time: the loop's, or a scripted caller's.
    private readonly SemaphoreSlim _turn = new(1, 1);

    // The alerts of an ingest batch taken from the channel and not all recorded yet (read under _turn).
    private List<TrackAlert>? _carried;
    private int _carriedFrom;

    /// <summary>While true, the loop records nothing on its own: a script (the demo) calls <see cref="RecordNowAsync"/>
    /// after each step, so the ledger's order does not depend on wall-clock timing.</summary>
    public bool Scripted { get; set; }

    /// <summary>Records every pending alert, sweeps for stale tracks at <paramref name="sweepAt"/>, and flushes the attested reports.</summary>
    public async Task RecordNowAsync(DateTimeOffset sweepAt)
    {
        await _turn.WaitAsync();
        try
        {
            await RecordAlertsAsync(DateTime.MaxValue);
            await live.SweepAsync(sweepAt, CancellationToken.None);
            await RecordAlertsAsync(DateTime.MaxValue);
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
                    await RecordAlertsAsync(next);
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

    // The alerts waiting go in alert.batch entries; a burst takes several appends, each sharing one wait for durability,
    // and the next append is signed and staged while the previous one is being written. Returns at the next tick even
    // mid-burst, so sweeps and attested batches keep their pace.
    private async Task RecordAlertsAsync(DateTime next)
    {
        var previous = Task.CompletedTask;
        try
        {
            while (true)
            {
                var entries = new List<(string, JsonElement)>();
                while (entries.Count < MaxAlertEntriesPerAppend && TakeAlerts() is { } alerts)
                {
                    // Serialised here, so the pipeline's write lock is held only to sign and stage.
                    entries.Add((ActKinds.AlertBatch, JsonSerializer.SerializeToElement(new JsonObject { ["alerts"] = alerts })));
                }

                if (entries.Count == 0)
                {
                    break;
                }

                // Staged (signed, ordered, committed in memory) synchronously by the call; durable when the task completes.
                var appended = pipeline.AppendOperatorAsync(entries);
                await previous;
                previous = appended;
                if (DateTime.UtcNow >= next)
                {
                    break;
                }
            }
        }
        finally
        {
            await previous;
        }
    }

    // The alerts waiting for the next entry, in order, up to MaxAlertsPerEntry; null if none. The alerts of one ingest
    // batch go in one entry when they fit in an entry at all: a batch that would overflow a started entry starts the next.
    private JsonArray? TakeAlerts()
    {
        JsonArray? alerts = null;
        while ((alerts?.Count ?? 0) < MaxAlertsPerEntry)
        {
            if (_carried is null)
            {
                if (!live.Alerts.TryRead(out _carried))
                {
                    break;
                }

                _carriedFrom = 0;
            }

            var left = _carried.Count - _carriedFrom;
            if (alerts is not null && left > MaxAlertsPerEntry - alerts.Count && left <= MaxAlertsPerEntry)
            {
                break;
            }

            alerts ??= [];
            while (_carriedFrom < _carried.Count && alerts.Count < MaxAlertsPerEntry)
            {
                alerts.Add(LiveTracker.BodyOf(_carried[_carriedFrom++]));
            }

            if (_carriedFrom == _carried.Count)
            {
                _carried = null;
            }
        }

        return alerts;
    }

    // {"party","connection","reports":[…]} written straight to JSON: a node per field of 100,000 reports a second was a
    // large share of the server's allocations.
    private static JsonElement AttestedBody(string party, string connection, ReadOnlySpan<TrackReport> reports)
    {
        var buffer = new ArrayBufferWriter<byte>((reports.Length * 128) + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("party", party);
            writer.WriteString("connection", connection);
            writer.WriteStartArray("reports");
            foreach (var report in reports)
            {
                report.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize<JsonElement>(buffer.WrittenSpan);
    }

    private async Task FlushAttestedAsync()
    {
        var entries = new List<(string, JsonElement)>();
        foreach (var (party, connection, reports) in live.TakeAttested())
        {
            foreach (var chunk in reports.Chunk(MaxReportsPerEntry))
            {
                entries.Add((ActKinds.TrackAttested, AttestedBody(party, connection, chunk)));
            }
        }

        // One second of a busy server is hundreds of entries: they share one wait for durability.
        foreach (var chunk in entries.Chunk(MaxAttestedEntriesPerAppend))
        {
            await pipeline.AppendOperatorAsync(chunk);
        }
    }
}
