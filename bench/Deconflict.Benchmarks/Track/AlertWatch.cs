using System.Diagnostics;
using System.Text.Json;

namespace Deconflict.Benchmarks.Track;

/// <summary>A party's server-sent event stream, read on a background task: counts every alert event and timestamps
/// (<see cref="Stopwatch.GetTimestamp"/>) those about one probe unit as they arrive.</summary>
internal sealed class AlertWatch : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly string _probeUnit;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly List<(string Kind, long Timestamp)> _probeAlerts = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _alerts;

    private AlertWatch(HttpResponseMessage response, string probeUnit)
    {
        _response = response;
        _probeUnit = probeUnit;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Alert events (raised or cleared, any unit) received so far.</summary>
    public long Alerts => Interlocked.Read(ref _alerts);

    public static async Task<AlertWatch> OpenAsync(LiveServer server, string party, string probeUnit)
    {
        var response = await server.Http.SendAsync(server.Signed(party, HttpMethod.Get, "/v1/stream"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new AlertWatch(response, probeUnit);
    }

    /// <summary>Waits for the next proximity alert (<c>alert.raised</c> or <c>alert.cleared</c>) naming the probe unit
    /// after the <paramref name="seen"/>-th, and returns when it arrived.</summary>
    public async Task<(string Kind, long Timestamp)?> NextProbeAlertAsync(int seen, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_probeAlerts.Count > seen)
                {
                    return _probeAlerts[seen];
                }

                changed = _changed.Task;
            }

            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return null;
            }

            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)));
        }
    }

    public int ProbeAlertCount
    {
        get
        {
            lock (_gate)
            {
                return _probeAlerts.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // Closed at the end of the run.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
        string? kind = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind is "alert.raised" or "alert.cleared")
            {
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _alerts);
                if (line.Contains(_probeUnit, StringComparison.Ordinal) && line.Contains("\"proximity\"", StringComparison.Ordinal))
                {
                    using var json = JsonDocument.Parse(line.AsMemory(6));
                    var data = json.RootElement;
                    if (data.GetProperty("alert").GetString() == "proximity"
                        && (data.GetProperty("unit").GetString() == _probeUnit || data.GetProperty("otherUnit").GetString() == _probeUnit))
                    {
                        lock (_gate)
                        {
                            _probeAlerts.Add((kind, now));
                            _changed.TrySetResult();
                            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        }
                    }
                }
            }
            else if (line.Length == 0)
            {
                kind = null;
            }
        }
    }
}
