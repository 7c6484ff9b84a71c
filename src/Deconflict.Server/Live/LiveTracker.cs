using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Negotiate;
using Deconflict.Server.Cot;
using Deconflict.Server.Hosting;
using Deconflict.Server.Projection;
using Deconflict.Track;

namespace Deconflict.Server.Live;

/// <summary>
/// The server's live tracker: takes position reports attributed to a party by how they arrived (a signed batch, or an
/// authenticated connection), feeds the registered units' reports to the <see cref="Tracker"/> a batch at a time
/// (<see cref="Tracker.ReportBatch"/>), and queues each alert for the <see cref="AlertSender"/> (CoT to the TAK
/// connections of the parties concerned) and, with the directly received reports, for the <see cref="LiveRecorder"/>
/// to put in the ledger.
/// </summary>
/// <remarks>
/// <para>Each unit's corridor is its registered movement's route while that movement is cleared (or active) in the
/// projection; it is re-derived whenever the movement's version or state changes. The tracker's rules come from the
/// arrangement in force (proximity thresholds per kind pair, closing speed and duration, coalitions); an amendment
/// starts a fresh tracker. The tracker holds positions in memory; after a restart <see cref="Restore"/> gives it back
/// each unit's last recorded position (velocities and closing timers start again from there).</para>
/// </remarks>
/// <threadsafety>Safe from any thread: the tracker is driven under one lock; CoT sends happen outside it.</threadsafety>
internal sealed class LiveTracker(DeconflictState state, CotConnections connections, LiveCounters counters, ServerOptions options)
{
    // Directly received reports are recorded thinned by dead reckoning; the tracker still sees every one.
    private readonly TrackThinning? _thinning = options.TrackThinning == Distance.Zero ? null : new TrackThinning(options.TrackThinning, options.TrackThinningMaxInterval);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (UnitHandle Handle, (int Version, MovementState State)? Corridor)> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Party, string Connection), List<TrackReport>> _attested = [];
    private readonly Channel<List<TrackAlert>> _alerts = Channel.CreateUnbounded<List<TrackAlert>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<TrackAlert> _outgoing = Channel.CreateUnbounded<TrackAlert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<PositionReport> _batch = [];
    private Tracker? _tracker;
    private int _arrangementVersion;

    /// <summary>Alerts raised or cleared, in order, for the recorder: one item per ingest batch or sweep that raised any.</summary>
    public ChannelReader<List<TrackAlert>> Alerts => _alerts.Reader;

    /// <summary>Feeds CoT events from a connection authenticated as <paramref name="party"/>: each attributed by its uid to
    /// one of that party's units, or counted as unknown and not trusted.</summary>
    public Task IngestCotAsync(PartyId party, IReadOnlyList<CotEvent> events, string connection, CancellationToken cancellationToken)
    {
        var reports = new List<TrackReport>(events.Count);
        List<string>? unknown = null;
        lock (state.Gate)
        {
            foreach (var cot in events)
            {
                if (state.UnitByCotUid(cot.Uid) is { } unit && unit.Party == party)
                {
                    reports.Add(new TrackReport(unit.Id, cot.Time, cot.Longitude, cot.Latitude,
                        cot.HaeMetres == CotEvent.Unknown ? 0 : cot.HaeMetres, cot.SpeedMetresPerSecond, cot.CourseDegrees));
                }
                else
                {
                    (unknown ??= []).Add(cot.Uid);
                }
            }
        }

        foreach (var uid in unknown ?? [])
        {
            counters.CountUnknown(party.Name, uid);
        }

        return reports.Count == 0 ? Task.CompletedTask : IngestAsync(party, reports, connection, cancellationToken);
    }

    /// <summary>Feeds reports of <paramref name="party"/>; with <paramref name="attestedConnection"/> they arrived
    /// directly on that connection and are queued for a <c>track.attested</c> entry. Reports naming a unit the party has
    /// not registered are counted as unknown and dropped. Alerts are queued for the recorder and the TAK connections,
    /// never awaited here, so a slow client cannot hold up ingest.</summary>
    /// <returns>How many reports were attributed to a registered unit of the party.</returns>
    public Task<int> IngestAsync(PartyId party, IReadOnlyList<TrackReport> reports, string? attestedConnection, CancellationToken cancellationToken)
    {
        var alerts = new List<TrackAlert>();
        var accepted = 0;
        var thinned = 0;
        List<string>? unknown = null;
        lock (_gate)
        {
            var tracker = CurrentTracker();
            _batch.Clear();
            List<TrackReport>? pending = null;
            lock (state.Gate)
            {
                foreach (var report in reports)
                {
                    var unit = state.Unit(report.Unit);
                    if (tracker is null || unit is null || unit.Party != party)
                    {
                        (unknown ??= []).Add(report.Unit);
                        continue;
                    }

                    accepted++;
                    var position = Wgs84.FromLonLat(report.Longitude, report.Latitude);
                    _batch.Add(new PositionReport(HandleOf(tracker, unit), position, report.Time));
                    if (attestedConnection is null)
                    {
                        continue;
                    }

                    if (_thinning?.Keep(report.Unit, position, report.Time) == false)
                    {
                        thinned++;
                        continue;
                    }

                    pending ??= CollectionsMarshal.GetValueRefOrAddDefault(_attested, (party.Name, attestedConnection), out _) ??= [];
                    pending.Add(report);
                }
            }

            tracker?.ReportBatch(CollectionsMarshal.AsSpan(_batch), alerts);
        }

        counters.CountReports(attestedConnection is null, accepted);
        counters.CountThinned(thinned);
        foreach (var uid in unknown ?? [])
        {
            counters.CountUnknown(party.Name, uid);
        }

        Publish(alerts);
        return Task.FromResult(accepted);
    }

    /// <summary>Rebuilds the tracker from the ledger after a restart: each registered unit's latest recorded report. The
    /// alerts this raises again were recorded before the restart, so they are not published: a pair
    /// that was in proximity stays raised and is cleared once, instead of being raised a second time.</summary>
    /// <returns>How many units got their last position back.</returns>
    public int Restore()
    {
        lock (_gate)
        {
            var tracker = CurrentTracker();
            if (tracker is null)
            {
                return 0;
            }

            _batch.Clear();
            lock (state.Gate)
            {
                foreach (var report in state.LastReports())
                {
                    if (state.Unit(report.Unit) is { } unit)
                    {
                        _batch.Add(new PositionReport(HandleOf(tracker, unit), Wgs84.FromLonLat(report.Longitude, report.Latitude), report.Time));
                    }
                }
            }

            return tracker.ReportBatch(CollectionsMarshal.AsSpan(_batch), []);
        }
    }

    /// <summary>Marks silent tracks stale and publishes their alerts.</summary>
    public Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alerts = new List<TrackAlert>();
        lock (_gate)
        {
            CurrentTracker()?.Sweep(now, alerts);
        }

        Publish(alerts);
        return Task.CompletedTask;
    }

    /// <summary>Takes the directly received reports queued since the last call, per party and connection.</summary>
    public List<(string Party, string Connection, List<TrackReport> Reports)> TakeAttested()
    {
        lock (_gate)
        {
            var taken = _attested.Select(kv => (kv.Key.Party, kv.Key.Connection, kv.Value)).ToList();
            _attested.Clear();
            return taken;
        }
    }

    /// <summary>Sends queued alerts as CoT to the TAK connections of the parties concerned, in batches, until cancelled.</summary>
    public async Task SendAlertsAsync(CancellationToken cancellationToken)
    {
        var taken = new List<(TrackAlert Alert, string? CotUid)>();
        var batch = new List<(IReadOnlyList<string> Audience, CotAlertBytes Alert)>();
        while (await _outgoing.Reader.WaitToReadAsync(cancellationToken))
        {
            taken.Clear();
            lock (state.Gate)
            {
                while (taken.Count < MaxAlertsPerSend && _outgoing.Reader.TryRead(out var alert))
                {
                    taken.Add((alert, state.Unit(alert.Unit)?.CotUid));
                }
            }

            // Formatted outside the projection's lock, which ingest and the ledger's writer need.
            batch.Clear();
            foreach (var (alert, cotUid) in taken)
            {
                batch.Add((AudienceOf(alert), new CotAlertBytes(TrackAlertCot.ToCotAlert(alert, cotUid))));
            }

            await connections.SendAsync(batch, cancellationToken);
        }
    }

    private void Publish(List<TrackAlert> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        // One item for the recorder, so that the alerts raised together are recorded together.
        _alerts.Writer.TryWrite(alerts);
        foreach (var alert in alerts)
        {
            _outgoing.Writer.TryWrite(alert);
        }
    }

    // The tracker for the arrangement in force, rebuilt when it is amended; null before genesis.
    private Tracker? CurrentTracker()
    {
        ArrangementTerms? terms;
        lock (state.Gate)
        {
            terms = state.Book?.Arrangement;
        }

        if (terms is null)
        {
            return null;
        }

        if (_tracker is null || terms.Version != _arrangementVersion)
        {
            _tracker = new Tracker(RulesOf(terms));
            _arrangementVersion = terms.Version;
            _handles.Clear();
        }

        return _tracker;
    }

    // Called under state.Gate.
    private UnitHandle HandleOf(Tracker tracker, RegisteredUnit unit)
    {
        if (!_handles.TryGetValue(unit.Id, out var known))
        {
            known = (tracker.Register(unit.Id, unit.Party, unit.Kind), null);
        }

        // The corridor follows the movement's version and state: assigned while cleared, removed otherwise.
        (int, MovementState)? current = null;
        ICorridor? corridor = null;
        if (unit.MovementId is { } id && state.Book?.Movements.GetValueOrDefault(id) is { } life)
        {
            current = (life.Version, life.State);
            if (known.Corridor != current && life.State is MovementState.Cleared or MovementState.Active)
            {
                corridor = CorridorOf((Movement)state.Movement(id)!.Engine);
            }
        }

        if (known.Corridor != current || !_handles.ContainsKey(unit.Id))
        {
            tracker.AssignCorridor(known.Handle, corridor);
            known.Corridor = current;
            _handles[unit.Id] = known;
        }

        return known.Handle;
    }

    /// <summary>At most this many alerts go to the TAK connections in one write each.</summary>
    private const int MaxAlertsPerSend = 1000;

    private static PlannedRoute? CorridorOf(Movement movement) => movement.Kind switch
    {
        MovementKind.Static => new PlannedRoute([new TimedWaypoint(movement.Site, movement.Span.Start), new TimedWaypoint(movement.Site, movement.Span.End)], movement.HalfWidth, movement.Tolerance),
        MovementKind.Zone => null,
        _ => new PlannedRoute(movement.Waypoints.Select(w => new TimedWaypoint(w.Position, w.Time)), movement.HalfWidth, movement.Tolerance),
    };

    private static TrackingRules RulesOf(ArrangementTerms terms)
    {
        var rules = TrackingRules.Default;
        foreach (var (pair, threshold) in terms.ProximityThresholds)
        {
            if (RegisteredUnit.KindOf(pair.First) is { } a && RegisteredUnit.KindOf(pair.Second) is { } b)
            {
                rules = rules.WithProximity(a, b, threshold);
            }
        }

        rules = rules.WithClosing(terms.ClosingSpeedMetresPerSecond, terms.ClosingDuration, rules.ClosingRange);
        foreach (var coalition in terms.Coalitions)
        {
            rules = rules.WithCoalition(coalition);
        }

        return rules;
    }

    /// <summary>One alert as an element of the operator's <c>alert.batch</c> entry.</summary>
    public static System.Text.Json.Nodes.JsonObject BodyOf(TrackAlert alert)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["transition"] = alert.Transition == AlertTransition.Raised ? "raised" : "cleared",
            ["alert"] = TrackAlertCot.NameOf(alert.Kind),
            ["unit"] = alert.Unit,
            ["party"] = alert.Party.Name,
        };
        if (alert.OtherUnit is not null)
        {
            body["otherUnit"] = alert.OtherUnit;
            body["otherParty"] = alert.OtherParty!.Value.Name;
        }

        if (alert.Distance is { } distance)
        {
            body["distanceM"] = Math.Round(distance.Metres, 1);
        }

        if (alert.ClosingSpeedMetresPerSecond is { } speed)
        {
            body["closingSpeedMps"] = Math.Round(speed, 2);
        }

        body["point"] = new System.Text.Json.Nodes.JsonArray(alert.Position.Longitude, alert.Position.Latitude);
        body["time"] = ConflictRecord.Iso(alert.Time);
        body["audience"] = new System.Text.Json.Nodes.JsonArray([.. AudienceOf(alert).Select(p => (System.Text.Json.Nodes.JsonNode)p)]);
        return body;
    }

    /// <summary>The names of the parties told of an alert (need-to-know): the tracker's <see cref="TrackAlert.Audience"/>,
    /// which the entry records and the CoT fan-out and the streams both follow.</summary>
    public static string[] AudienceOf(TrackAlert alert) => [.. alert.Audience.Select(p => p.Name)];
}
