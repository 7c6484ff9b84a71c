using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Deconflict.Server.Cot;

namespace Deconflict.Server.Live;

/// <summary>The live-tracking metrics: CoT ingest (accepted, dropped by reason, bytes, streams closed) from
/// <see cref="CotIngestCounters"/>, reports fed to the tracker (signed or attested), and reports naming units their
/// party has not registered (counted per party, the latest uids kept to show).</summary>
/// <remarks>Published as the <see cref="System.Diagnostics.Metrics.Meter"/> <c>Deconflict.Live</c> (instruments
/// <c>deconflict.cot.accepted</c>, <c>deconflict.cot.dropped</c> tagged <c>reason</c>, <c>deconflict.cot.bytes</c>,
/// <c>deconflict.cot.closed</c>, <c>deconflict.cot.unauthenticated</c>, <c>deconflict.tracks.reports</c> tagged <c>source</c>, <c>deconflict.tracks.thinned</c>,
/// <c>deconflict.tracks.unknown</c> tagged <c>party</c>) and as JSON by <c>GET /v1/metrics</c>.</remarks>
/// <threadsafety>Safe from any thread.</threadsafety>
internal sealed class LiveCounters : IDisposable
{
    private const int RecentUnknownKept = 20;
    private readonly ConcurrentDictionary<string, UnknownUids> _unknown = new(StringComparer.Ordinal);
    private readonly Meter _meter = new("Deconflict.Live");
    private long _signed;
    private long _attested;
    private long _thinned;
    private long _unauthenticated;

    public LiveCounters(CotIngestCounters cot)
    {
        Cot = cot;
        _meter.CreateObservableCounter("deconflict.cot.accepted", () => cot.Accepted, "{event}", "CoT events accepted");
        _meter.CreateObservableCounter("deconflict.cot.dropped", () => Enum.GetValues<CotDropReason>().Where(r => r != CotDropReason.None)
            .Select(r => new Measurement<long>(cot.Dropped(r), new KeyValuePair<string, object?>("reason", r.ToString()))), "{event}", "CoT events dropped, by reason");
        _meter.CreateObservableCounter("deconflict.cot.bytes", () => cot.BytesReceived, "By", "CoT bytes received");
        _meter.CreateObservableCounter("deconflict.cot.closed", () => cot.StreamsClosedUnrecoverable, "{connection}", "CoT streams closed as unrecoverable");
        _meter.CreateObservableCounter("deconflict.tracks.reports", () => (Measurement<long>[])[
            new(Interlocked.Read(ref _signed), new KeyValuePair<string, object?>("source", "signed")),
            new(Interlocked.Read(ref _attested), new KeyValuePair<string, object?>("source", "attested"))], "{report}", "Reports fed to the tracker");
        _meter.CreateObservableCounter("deconflict.tracks.thinned", () => Interlocked.Read(ref _thinned), "{report}", "Attested reports fed to the tracker but not recorded (track thinning)");
        _meter.CreateObservableCounter("deconflict.cot.unauthenticated", () => Interlocked.Read(ref _unauthenticated), "{datagram}", "CoT datagrams from senders with no session");
        _meter.CreateObservableCounter("deconflict.tracks.unknown", () => _unknown.Select(kv => new Measurement<long>(kv.Value.Count, new KeyValuePair<string, object?>("party", kv.Key))),
            "{report}", "Reports naming a unit the party has not registered");
    }

    public CotIngestCounters Cot { get; }

    public void CountReports(bool signed, int count) => Interlocked.Add(ref signed ? ref _signed : ref _attested, count);

    public void CountThinned(int count) => Interlocked.Add(ref _thinned, count);

    public void CountUnauthenticatedDatagram() => Interlocked.Increment(ref _unauthenticated);

    public void CountUnknown(string party, string uid) => _unknown.GetOrAdd(party, _ => new UnknownUids()).Add(uid);

    /// <summary>How many reports of <paramref name="party"/> named unknown units.</summary>
    public long UnknownOf(string party) => _unknown.TryGetValue(party, out var u) ? u.Count : 0;

    /// <summary>The counters as JSON; unknown uids only of <paramref name="party"/> (a party's misconfiguration is its own business).</summary>
    public JsonObject ToJson(string party)
    {
        var dropped = new JsonObject();
        foreach (var reason in Enum.GetValues<CotDropReason>().Where(r => r != CotDropReason.None))
        {
            dropped[reason.ToString()] = Cot.Dropped(reason);
        }

        var unknown = _unknown.GetValueOrDefault(party);
        return new JsonObject
        {
            ["cot"] = new JsonObject
            {
                ["accepted"] = Cot.Accepted,
                ["controlMessages"] = Cot.ControlMessages,
                ["bytes"] = Cot.BytesReceived,
                ["closedUnrecoverable"] = Cot.StreamsClosedUnrecoverable,
                ["unauthenticatedDatagrams"] = Interlocked.Read(ref _unauthenticated),
                ["dropped"] = dropped,
            },
            ["tracks"] = new JsonObject
            {
                ["signed"] = Interlocked.Read(ref _signed),
                ["attested"] = Interlocked.Read(ref _attested),
                ["thinned"] = Interlocked.Read(ref _thinned),
                ["unknown"] = unknown?.Count ?? 0,
                ["recentUnknownUids"] = new JsonArray([.. (unknown?.Recent() ?? []).Select(u => JsonValue.Create(u))]),
            },
        };
    }

    public void Dispose() => _meter.Dispose();

    private sealed class UnknownUids
    {
        private readonly Queue<string> _recent = new();
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Add(string uid)
        {
            Interlocked.Increment(ref _count);
            lock (_recent)
            {
                if (_recent.Contains(uid))
                {
                    return;
                }

                _recent.Enqueue(uid);
                if (_recent.Count > RecentUnknownKept)
                {
                    _recent.Dequeue();
                }
            }
        }

        public string[] Recent()
        {
            lock (_recent)
            {
                return [.. _recent];
            }
        }
    }
}
