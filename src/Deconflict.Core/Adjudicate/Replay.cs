using System.Text.Json;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Declare.Text;
using Deconflict.Geo;
using Deconflict.Negotiate;

namespace Deconflict.Adjudicate;

// Reads entries in order: replays negotiation into a NegotiationBook and keeps each movement's state history, each
// request's history, the units, the track points, alerts and hotline calls; Conclude (other files) draws the findings.
internal sealed partial class Replay(ArrangementTerms terms, Incident incident)
{
    private readonly Dictionary<string, Movement> _movements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordedAct>> _movementActs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, MovementState State, long Index)>> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RequestLog> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Party, string? Kind, string? Movement, long Index)> _units = new(StringComparer.Ordinal);
    private readonly List<TrackPoint> _points = [];
    private readonly HashSet<long> _trackEntriesInScope = [];
    private readonly List<(RecordedAct Entry, string Kind, JsonElement Alert)> _alerts = [];
    private readonly List<RecordedAct> _calls = [];
    private readonly List<RecordedAct> _incidentActs = [];
    private readonly List<RecordedAct> _other = [];
    private NegotiationBook _book = NegotiationBook.Start(terms);

    private sealed class RequestLog(string id, string movementId, PartyId from, PartyId to, RecordedAct opened, DateTimeOffset deadline)
    {
        public string Id { get; } = id;

        public string MovementId { get; } = movementId;

        public PartyId From { get; } = from;

        public PartyId To { get; } = to;

        public RecordedAct Opened { get; } = opened;

        public DateTimeOffset FirstDeadline { get; } = deadline;

        public List<RecordedAct> Acts { get; } = [];
    }

    public void Read(RecordedAct act)
    {
        try
        {
            ReadKnown(act);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // A body the server would have refused: adjudication reads what the ledger holds and skips what it cannot read.
        }
    }

    private void ReadKnown(RecordedAct act)
    {
        var body = act.Body;
        switch (act.Kind)
        {
            case ActKindNames.Declare or ActKindNames.Amend:
                var read = MovementReader.ReadFeature(body.GetProperty("feature"));
                if (!read.Success)
                {
                    return;
                }

                var movement = read.Value;
                var owner = PartyId.From(act.Party);
                Apply(act, movement.Id, act.Kind == ActKindNames.Declare
                    ? _book.Declare(owner, movement.Id, movement.Span, act.Time)
                    : _book.AmendMovement(owner, movement.Id, movement.Span, act.Time));
                if (_book.Movements.ContainsKey(movement.Id))
                {
                    _movements[movement.Id] = movement;
                }

                break;
            case ActKindNames.Cancel:
                var cancelled = Text(body, "movementId");
                Apply(act, cancelled, _book.Cancel(PartyId.From(act.Party), cancelled, act.Time));
                break;
            case ActKindNames.Expire:
                var expired = Text(body, "movementId");
                Apply(act, expired, _book.Expire(expired, act.Time));
                break;
            case ActKindNames.Checked:
                ReadChecked(act);
                break;
            case ActKindNames.Acknowledge or ActKindNames.Approve or ActKindNames.Deny or ActKindNames.CounterPropose
                or ActKindNames.AcceptCounter or ActKindNames.RejectCounter or ActKindNames.Escalate:
                ReadAnswer(act);
                break;
            case ActKindNames.HotlineCall:
                _calls.Add(act);
                break;
            case ActKindNames.UnitRegister:
                foreach (var unit in body.GetProperty("units").EnumerateArray())
                {
                    _units[Text(unit, "id")] = (act.Party, Optional(unit, "kind"), Optional(unit, "movement"), act.Index);
                }

                break;
            case ActKindNames.TrackBatch:
                ReadReports(act, act.Party, signed: true);
                break;
            case ActKindNames.TrackAttested:
                ReadReports(act, Text(body, "party"), signed: false);
                break;
            case ActKindNames.AlertBatch:
                foreach (var alert in body.GetProperty("alerts").EnumerateArray())
                {
                    switch (Optional(alert, "transition"))
                    {
                        case "raised":
                            _alerts.Add((act, ActKindNames.AlertRaised, alert));
                            break;
                        case "cleared":
                            _alerts.Add((act, ActKindNames.AlertCleared, alert));
                            break;
                        default:
                            break;
                    }
                }

                break;
            case ActKindNames.IncidentReport or ActKindNames.IncidentStatement:
                if (Optional(body, "incident") == incident.Id)
                {
                    _incidentActs.Add(act);
                }

                break;
            case ActKindNames.Genesis:
                _other.Add(act);
                break;
            default:
                break;
        }
    }

    private void ReadChecked(RecordedAct act)
    {
        var movementId = Text(act.Body, "movementId");
        var opened = act.Body.GetProperty("requests").EnumerateArray()
            .Select(r => (RequestId: Text(r, "requestId"), To: PartyId.From(Text(r, "to")))).ToList();
        Apply(act, movementId, _book.OpenRequests(movementId, act.Body.GetProperty("version").GetInt32(), opened, act.Time));
        foreach (var (requestId, to) in opened)
        {
            if (_book.Requests.TryGetValue(requestId, out var request))
            {
                _requests[requestId] = new RequestLog(requestId, movementId, request.From, to, act, request.Deadline ?? act.Time);
            }
        }
    }

    private void ReadAnswer(RecordedAct act)
    {
        var requestId = Text(act.Body, "requestId");
        if (!_requests.TryGetValue(requestId, out var log))
        {
            return;
        }

        PartyId by = act.Kind == ActKindNames.Escalate ? default : PartyId.From(act.Party);
        var at = act.Time;
        Func<PassageRequest, Outcome<PassageRequest>> transition = act.Kind switch
        {
            ActKindNames.Acknowledge => r => r.Acknowledge(by, at),
            ActKindNames.Approve => r => r.Approve(by, at, Optional(act.Body, "conditions")),
            ActKindNames.Deny => r => r.Deny(by, at, Optional(act.Body, "reason") ?? "(no reason)"),
            ActKindNames.CounterPropose => r => r.CounterPropose(by, at, Counter(act.Body)),
            ActKindNames.AcceptCounter => r => r.AcceptCounter(by, at),
            ActKindNames.RejectCounter => r => r.RejectCounter(by, at, Optional(act.Body, "reason")),
            _ => r => r.Escalate(at, terms.EscalationChain.Count, terms.ResponseDeadline),
        };
        if (Apply(act, log.MovementId, _book.Answer(requestId, transition)))
        {
            log.Acts.Add(act);
        }
    }

    // Applies a negotiation outcome; records the act against the movement and its state after it. False if refused.
    private bool Apply(RecordedAct act, string movementId, Outcome<NegotiationBook> outcome)
    {
        if (!outcome.IsOk)
        {
            return false;
        }

        _book = outcome.Value;
        Add(_movementActs, movementId, act);
        var state = _book.Movements[movementId].State;
        if (!_states.TryGetValue(movementId, out var history))
        {
            _states[movementId] = history = [];
        }

        if (history.Count == 0 || history[^1].State != state || act.Kind is ActKindNames.Declare or ActKindNames.Amend)
        {
            history.Add((act.Time, state, act.Index));
        }

        return true;
    }

    private void ReadReports(RecordedAct act, string party, bool signed)
    {
        foreach (var report in act.Body.GetProperty("reports").EnumerateArray())
        {
            var point = new TrackPoint(
                act.Index, party, Text(report, "unit"), report.GetProperty("time").GetDateTimeOffset().ToUniversalTime(),
                Wgs84.FromLonLat(report.GetProperty("lon").GetDouble(), report.GetProperty("lat").GetDouble()),
                report.TryGetProperty("altM", out var alt) && alt.ValueKind == JsonValueKind.Number ? alt.GetDouble() : 0, signed);
            if (InScope(point.Time) && Geodesic.Between(point.Position, incident.Centre) <= incident.Reach)
            {
                _points.Add(point);
                _trackEntriesInScope.Add(act.Index);
            }
        }
    }

    private bool InScope(DateTimeOffset time) => time >= incident.Scope.Start && time <= incident.Scope.End;

    private static CounterProposal Counter(JsonElement body)
    {
        TimeWindow? window = body.TryGetProperty("window", out var w)
            ? TimeWindow.FromStartEnd(w.GetProperty("start").GetDateTimeOffset(), w.GetProperty("end").GetDateTimeOffset())
            : null;
        List<Wgs84>? route = body.TryGetProperty("route", out var r)
            ? [.. r.EnumerateArray().Select(p => Wgs84.FromLonLat(p[0].GetDouble(), p[1].GetDouble()))]
            : null;
        return new CounterProposal(window, route, Optional(body, "note"));
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static string Text(JsonElement e, string name) =>
        e.GetProperty(name).GetString() is { Length: > 0 } s ? s : throw new FormatException($"{name} should be a non-empty string");

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
