using System.Globalization;
using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Declare.Text;
using Deconflict.Geo;
using Deconflict.Negotiate;
using Deconflict.Track;

namespace Deconflict.Adjudicate;

internal sealed partial class Replay
{
    private readonly List<Finding> _findings = [];

    public Adjudication Conclude()
    {
        var relevant = RelevantMovements();
        foreach (var id in relevant)
        {
            JudgeNotice(id);
        }

        foreach (var log in _requests.Values.Where(r => relevant.Contains(r.MovementId)).OrderBy(r => r.Opened.Index).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            JudgeRequest(log);
        }

        var calls = _calls.Where(c => InScope(c.Time)).ToList();
        foreach (var call in calls)
        {
            var with = call.Body.TryGetProperty("with", out var w) ? w.GetString() : "?";
            var summary = call.Body.TryGetProperty("summary", out var s) ? s.GetString() : "";
            Add(call.Party, Rules.Hotline, true, call.Time, $"called {with} on the hotline at {Iso(call.Time)}: {summary}", [call.Index], null);
        }

        var tracks = _points.GroupBy(p => p.Unit, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnitTrack(g.Key, g.First().Party, [.. g.OrderBy(p => p.Time).ThenBy(p => p.Index)])).ToList();
        foreach (var track in tracks)
        {
            track.MovementId = MovementOf(track);
            track.Kind = KindOf(track);
            JudgeClearance(track);
            JudgeConformance(track);
        }

        JudgePairs(tracks);

        var timeline = Timeline(relevant);
        var ordered = _findings.Distinct().OrderBy(f => f.At).ThenBy(f => f.Party, StringComparer.Ordinal).ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.Entries.Count > 0 ? f.Entries[0] : -1).ThenBy(f => f.Text, StringComparer.Ordinal).ToList();
        return new Adjudication(
            incident,
            timeline,
            [.. ordered.Where(f => !f.Compliant)],
            [.. ordered.Where(f => f.Compliant)],
            [.. tracks.SelectMany(t => t.Points)],
            [.. relevant.Order(StringComparer.Ordinal).Select(id => _movements[id])]);
    }

    private HashSet<string> RelevantMovements()
    {
        var ids = new HashSet<string>(_movements.Where(m => incident.Concerns(m.Value)).Select(m => m.Key), StringComparer.Ordinal);
        foreach (var unit in _points.Select(p => p.Unit).Distinct())
        {
            if (MovementOf(unit) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static PlannedRoute RouteOf(Movement movement) =>
        new(movement.Waypoints.Select(w => new TimedWaypoint(w.Position, w.Time)), movement.HalfWidth, movement.Tolerance);

    private void JudgeNotice(string id)
    {
        var movement = _movements[id];
        foreach (var act in _movementActs[id].Where(a => a.Kind is ActKindNames.Declare or ActKindNames.Amend))
        {
            var start = Start(act) ?? movement.Span.Start;
            var notice = start - act.Time;
            var verb = act.Kind == ActKindNames.Declare ? "declared" : "amended";
            var ok = notice >= terms.MinimumNotice;
            Add(act.Party, Rules.Notice, ok, act.Time,
                $"{verb} {id} at {Iso(act.Time)}, {Minutes(notice)} before its start at {Iso(start)}; the arrangement asks {Minutes(terms.MinimumNotice)}",
                [act.Index], null);
        }
    }

    // The start of the declared or amended version, read again from that act's feature.
    private static DateTimeOffset? Start(RecordedAct act)
    {
        var read = Declare.Text.MovementReader.ReadFeature(act.Body.GetProperty("feature"));
        return read.Success ? read.Value.Span.Start : null;
    }

    private void JudgeRequest(RequestLog log)
    {
        Add(log.From.Name, Rules.RequestSent, true, log.Opened.Time,
            $"passage request {log.Id} for {log.MovementId} sent to {log.To} at {Iso(log.Opened.Time)}, deadline {Iso(log.FirstDeadline)}",
            [_movementActs[log.MovementId].Where(a => a.Kind is ActKindNames.Declare or ActKindNames.Amend && a.Index < log.Opened.Index).Select(a => a.Index).DefaultIfEmpty(log.Opened.Index).Max(), log.Opened.Index], null);
        var acknowledged = log.Acts.FirstOrDefault(a => a.Kind == ActKindNames.Acknowledge);
        var answer = log.Acts.FirstOrDefault(a => a.Kind is ActKindNames.Approve or ActKindNames.Deny or ActKindNames.CounterPropose);
        var escalations = log.Acts.Where(a => a.Kind == ActKindNames.Escalate).Select(a => a.Index).ToList();
        if (acknowledged is not null)
        {
            Add(log.To.Name, Rules.RequestAnswer, true, acknowledged.Time,
                $"acknowledged receipt of {log.Id} from {log.From} at {Iso(acknowledged.Time)}, {Minutes(acknowledged.Time - log.Opened.Time)} after it was sent",
                [log.Opened.Index, acknowledged.Index], null);
        }

        if (answer is not null && answer.Time <= log.FirstDeadline)
        {
            Add(log.To.Name, Rules.RequestAnswer, true, answer.Time,
                $"answered {log.Id} from {log.From} ({Answer(answer.Kind)}) at {Iso(answer.Time)}, within its deadline {Iso(log.FirstDeadline)}",
                [log.Opened.Index, answer.Index], null);
        }
        else if (answer is not null)
        {
            Add(log.To.Name, Rules.RequestAnswer, false, log.FirstDeadline,
                $"answered {log.Id} from {log.From} ({Answer(answer.Kind)}) only at {Iso(answer.Time)}, after its deadline {Iso(log.FirstDeadline)}",
                [log.Opened.Index, .. escalations, answer.Index], null);
        }
        else if (log.FirstDeadline <= incident.Scope.End && !WithdrawnBefore(log))
        {
            var ack = acknowledged is null ? "never acknowledged" : $"acknowledged at {Iso(acknowledged.Time)}";
            Add(log.To.Name, Rules.RequestAnswer, false, log.FirstDeadline,
                $"left {log.Id} from {log.From} unanswered by its deadline {Iso(log.FirstDeadline)} ({ack}; {escalations.Count} escalation(s))",
                [log.Opened.Index, .. acknowledged is null ? Array.Empty<long>() : [acknowledged.Index], .. escalations], null);
        }
    }

    // Whether the request stopped being open (movement amended, cancelled or expired) before its deadline.
    private bool WithdrawnBefore(RequestLog log) =>
        _movementActs[log.MovementId].Any(a => a.Index > log.Opened.Index && a.Time < log.FirstDeadline && a.Kind is ActKindNames.Amend or ActKindNames.Cancel or ActKindNames.Expire);

    private static string Answer(string kind) => kind switch
    {
        ActKindNames.Approve => "approved",
        ActKindNames.Deny => "denied",
        _ => "counter-proposed",
    };

    private List<TimelineItem> Timeline(HashSet<string> relevant)
    {
        var acts = new Dictionary<long, RecordedAct>();
        void Put(RecordedAct a) => acts[a.Index] = a;
        foreach (var id in relevant)
        {
            _movementActs[id].ForEach(Put);
        }

        foreach (var log in _requests.Values.Where(r => relevant.Contains(r.MovementId)))
        {
            log.Acts.ForEach(Put);
        }

        _calls.Where(c => InScope(c.Time)).ToList().ForEach(Put);
        _alerts.Where(a => InScope(a.Entry.Time)).Select(a => a.Entry).ToList().ForEach(Put);
        _incidentActs.ForEach(Put);
        _other.ForEach(Put);
        var items = acts.Values.Select(a => new TimelineItem(a.Index, a.Time, a.Party, a.Kind, Describe(a))).ToList();
        foreach (var group in _points.GroupBy(p => p.Index))
        {
            var first = group.OrderBy(p => p.Time).First();
            var units = string.Join(", ", group.Select(p => p.Unit).Distinct().Order(StringComparer.Ordinal));
            items.Add(new TimelineItem(group.Key, first.Time, first.Signed ? first.Party : "operator", first.Signed ? ActKindNames.TrackBatch : ActKindNames.TrackAttested,
                $"{group.Count()} report(s) of {units} ({(first.Signed ? "signed" : "attested")})"));
        }

        return [.. items.OrderBy(i => i.Index)];
    }

    private static string Describe(RecordedAct a)
    {
        var b = a.Body;
        string? Field(string name) => b.ValueKind == System.Text.Json.JsonValueKind.Object && b.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        return a.Kind switch
        {
            ActKindNames.Declare or ActKindNames.Amend => b.GetProperty("feature").TryGetProperty("id", out var id) ? $"{id.GetString()}" : "movement",
            ActKindNames.Checked => $"{Field("movementId")}: {b.GetProperty("requests").GetArrayLength()} passage request(s)",
            ActKindNames.HotlineCall => $"with {Field("with")}: {Field("summary")}",
            ActKindNames.AlertBatch => DescribeAlerts(b),
            ActKindNames.IncidentReport => Field("description") ?? "",
            ActKindNames.IncidentStatement => Field("text") ?? "",
            ActKindNames.Genesis => "arrangement in force",
            _ => Field("requestId") ?? Field("movementId") ?? "",
        };
    }

    // "proximity raised: u1 / u2; stale cleared: u3", the first few alerts of a large entry and how many more.
    private static string DescribeAlerts(JsonElement body)
    {
        var alerts = body.GetProperty("alerts").EnumerateArray().ToList();
        var described = alerts.Take(AlertsDescribed)
            .Select(a => $"{Optional(a, "alert")} {Optional(a, "transition")}: {Optional(a, "unit")}{(Optional(a, "otherUnit") is { } o ? " / " + o : "")}");
        return string.Join("; ", described) + (alerts.Count > AlertsDescribed ? $"; {alerts.Count - AlertsDescribed} more" : "");
    }

    private const int AlertsDescribed = 3;

    private void Add(string party, string rule, bool compliant, DateTimeOffset at, string text, IEnumerable<long> entries, string? tracks) =>
        _findings.Add(new Finding(party, rule, compliant, at, text, [.. entries.Distinct().Order()], tracks));

    internal static string Iso(DateTimeOffset t) => MovementWriter.Iso(t);

    private static string Minutes(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min");

    private static string Metres(double metres) => string.Create(CultureInfo.InvariantCulture, $"{metres:0} m");
}
