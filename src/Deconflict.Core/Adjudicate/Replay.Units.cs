using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Negotiate;

namespace Deconflict.Adjudicate;

internal sealed partial class Replay
{
    private sealed class UnitTrack(string unit, string party, IReadOnlyList<TrackPoint> points)
    {
        public string Unit { get; } = unit;

        public string Party { get; } = party;

        public IReadOnlyList<TrackPoint> Points { get; } = points;

        public string? MovementId { get; set; }

        public string Kind { get; set; } = "ground";

        // Speed in m/s at point i: from the previous report, or to the next one for the first.
        public double SpeedAt(int i)
        {
            if (Points.Count < 2)
            {
                return 0;
            }

            var (a, b) = i == 0 ? (Points[0], Points[1]) : (Points[i - 1], Points[i]);
            var seconds = (b.Time - a.Time).TotalSeconds;
            return seconds <= 0 ? 0 : Geodesic.Between(a.Position, b.Position).Metres / seconds;
        }
    }

    private string? MovementOf(UnitTrack track) => MovementOf(track.Unit);

    // The unit's registered movement, else the latest declared movement of its party that lists it.
    private string? MovementOf(string unit)
    {
        if (_units.TryGetValue(unit, out var registered) && registered.Movement is { } id && _movements.ContainsKey(id))
        {
            return id;
        }

        var party = _points.FirstOrDefault(p => p.Unit == unit)?.Party;
        return _movements.Values.Where(m => m.Party.Name == party && m.Units.Contains(unit, StringComparer.Ordinal))
            .Select(m => m.Id).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private string KindOf(UnitTrack track)
    {
        if (_units.TryGetValue(track.Unit, out var registered) && registered.Kind is { } kind)
        {
            return kind;
        }

        return track.MovementId is { } id && _movements[id].Kind == MovementKind.Air ? "air" : "ground";
    }

    private MovementState? StateAt(string movementId, DateTimeOffset time, out long? index)
    {
        index = null;
        MovementState? state = null;
        foreach (var (at, s, i) in _states[movementId])
        {
            if (at > time)
            {
                break;
            }

            (state, index) = (s, i);
        }

        return state;
    }

    // Moving points judged against the movement's state at their time: undeclared, uncleared, or despite a denial.
    private void JudgeClearance(UnitTrack track)
    {
        var runs = new List<(string Rule, List<TrackPoint> Points, HashSet<long> Cited, string Why)>();
        for (var i = 0; i < track.Points.Count; i++)
        {
            if (track.SpeedAt(i) <= Adjudicator.MovingSpeedMetresPerSecond)
            {
                continue;
            }

            var point = track.Points[i];
            string rule;
            string why;
            var cited = new HashSet<long>();
            if (track.MovementId is not { } id)
            {
                rule = Rules.MovedUndeclared;
                why = "no movement declared for it";
                if (_units.TryGetValue(track.Unit, out var registered))
                {
                    cited.Add(registered.Index);
                }
            }
            else
            {
                var state = StateAt(id, point.Time, out var stateIndex);
                if (state is null)
                {
                    rule = Rules.MovedUndeclared;
                    why = $"{id} not yet declared";
                }
                else if (state == MovementState.Cleared)
                {
                    continue;
                }
                else if (state == MovementState.Denied)
                {
                    rule = Rules.MovedDespiteDenial;
                    var denial = _requests.Values.Where(r => r.MovementId == id).SelectMany(r => r.Acts)
                        .Where(a => a.Kind is ActKindNames.Deny or ActKindNames.RejectCounter && a.Time <= point.Time).OrderBy(a => a.Index).LastOrDefault();
                    why = denial is null ? $"{id} denied" : $"{id} denied by {denial.Party} at {Iso(denial.Time)}";
                    if (denial is not null)
                    {
                        cited.Add(denial.Index);
                    }
                }
                else
                {
                    rule = Rules.MovedUncleared;
                    why = $"{id} was {state.Value.ToWireName()}, not cleared";
                    var open = _requests.Values.Where(r => r.MovementId == id && r.Opened.Time <= point.Time && !_book.Requests[r.Id].State.IsGranted()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
                    if (open.Count > 0)
                    {
                        why += $" (requests {string.Join(", ", open.Select(r => r.Id))} not granted)";
                        cited.UnionWith(open.Select(r => r.Opened.Index));
                    }
                }

                cited.Add(stateIndex ?? _movementActs[id][0].Index);
                cited.Add(_movementActs[id][0].Index);
            }

            if (runs.Count > 0 && runs[^1].Rule == rule && runs[^1].Why == why && runs[^1].Points[^1] == track.Points[Math.Max(0, i - 1)])
            {
                runs[^1].Points.Add(point);
                runs[^1].Cited.UnionWith(cited);
            }
            else
            {
                runs.Add((rule, [point], cited, why));
            }
        }

        foreach (var (rule, points, cited, why) in runs)
        {
            Add(track.Party, rule, false, points[0].Time,
                $"{track.Unit} moved from {Iso(points[0].Time)} to {Iso(points[^1].Time)} ({points.Count} report(s)) while {why}",
                cited.Concat(points.Select(p => p.Index)), Source(points));
        }
    }

    // Corridor, schedule and time window, recomputed from each report against the declared route.
    private void JudgeConformance(UnitTrack track)
    {
        if (track.MovementId is not { } id || _movements[id].Kind is not (MovementKind.Ground or MovementKind.Air))
        {
            return;
        }

        var movement = _movements[id];
        var route = RouteOf(movement);
        var declared = _movementActs[id].Where(a => a.Kind is ActKindNames.Declare or ActKindNames.Amend).Last().Index;
        var runs = new List<(string Rule, List<TrackPoint> Points, double Worst)>();
        for (var i = 0; i < track.Points.Count; i++)
        {
            var point = track.Points[i];
            var check = route.Check(point.Position, point.Time);
            var moving = track.SpeedAt(i) > Adjudicator.MovingSpeedMetresPerSecond;
            var breaches = new List<(string Rule, double Worst)>();
            if (check.IsOutsideCorridor)
            {
                breaches.Add((Rules.OutsideCorridor, check.OffCentreline.Metres));
            }

            if (moving && !check.InsideTimeWindow)
            {
                breaches.Add((Rules.OutsideTimeWindow, 0));
            }
            else if (moving && !check.IsOutsideCorridor && check.IsAhead)
            {
                breaches.Add((Rules.AheadOfSchedule, -check.ScheduleDeviation.TotalSeconds));
            }
            else if (moving && !check.IsOutsideCorridor && check.IsBehind)
            {
                breaches.Add((Rules.BehindSchedule, check.ScheduleDeviation.TotalSeconds));
            }

            foreach (var (rule, worst) in breaches)
            {
                var run = runs.FindLastIndex(r => r.Rule == rule);
                if (run >= 0 && i > 0 && runs[run].Points[^1] == track.Points[i - 1])
                {
                    runs[run].Points.Add(point);
                    runs[run] = (rule, runs[run].Points, Math.Max(runs[run].Worst, worst));
                }
                else
                {
                    runs.Add((rule, [point], worst));
                }
            }
        }

        foreach (var (rule, points, worst) in runs)
        {
            var span = $"from {Iso(points[0].Time)} to {Iso(points[^1].Time)} ({points.Count} report(s))";
            var text = rule switch
            {
                Rules.OutsideCorridor => $"{track.Unit} left the corridor of {id} {span}: up to {Metres(worst)} from its centreline (half-width {Metres(movement.HalfWidth.Metres)})",
                Rules.OutsideTimeWindow => $"{track.Unit} moved outside the time window of {id} ({Iso(route.Window.Start)} to {Iso(route.Window.End)} with tolerance) {span}",
                Rules.AheadOfSchedule => $"{track.Unit} was ahead of the schedule of {id} {span}: up to {worst:0} s early (tolerance {movement.Tolerance.TotalSeconds:0} s)",
                _ => $"{track.Unit} was behind the schedule of {id} {span}: up to {worst:0} s late (tolerance {movement.Tolerance.TotalSeconds:0} s)",
            };
            Add(track.Party, rule, false, points[0].Time, text, [declared, .. points.Select(p => p.Index), .. AlertsFor(track.Unit, null, rule, points[0].Time, points[^1].Time)], Source(points));
        }
    }

    private static string Source(IEnumerable<TrackPoint> points)
    {
        var list = points.ToList();
        return list.All(p => p.Signed) ? "signed" : list.All(p => !p.Signed) ? "attested" : "signed+attested";
    }

    // The entries of the alerts the operator raised about this unit (and the other unit) for this rule between the two instants.
    private IEnumerable<long> AlertsFor(string unit, string? otherUnit, string rule, DateTimeOffset from, DateTimeOffset to) =>
        _alerts.Where(a => a.Kind == ActKindNames.AlertRaised && a.Entry.Time >= from && a.Entry.Time <= to.AddSeconds(60)
                && a.Alert.TryGetProperty("alert", out var k) && k.GetString() == rule
                && a.Alert.TryGetProperty("unit", out var u) && u.GetString() is { } au
                && (au == unit || (otherUnit is not null && au == otherUnit))
                && (otherUnit is null || (a.Alert.TryGetProperty("otherUnit", out var o) && (o.GetString() == unit || o.GetString() == otherUnit))))
            .Select(a => a.Entry.Index);
}
