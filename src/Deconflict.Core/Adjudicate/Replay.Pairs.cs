using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Adjudicate;

internal sealed partial class Replay
{
    // Every pair of units of different, non-allied parties: proximity below the threshold, who closed the distance, closing.
    private void JudgePairs(List<UnitTrack> tracks)
    {
        for (var i = 0; i < tracks.Count; i++)
        {
            for (var j = i + 1; j < tracks.Count; j++)
            {
                var (a, b) = (tracks[i], tracks[j]);
                if (a.Party != b.Party && !terms.AreAllies(PartyId.From(a.Party), PartyId.From(b.Party)))
                {
                    JudgePair(a, b);
                }
            }
        }
    }

    private void JudgePair(UnitTrack a, UnitTrack b)
    {
        var threshold = terms.ProximityThresholds.TryGetValue(KindPair.Of(a.Kind, b.Kind), out var t) ? t.Metres : 0;
        var from = Max(a.Points[0].Time, b.Points[0].Time);
        var to = Min(a.Points[^1].Time, b.Points[^1].Time);
        if (threshold <= 0 || from > to)
        {
            return;
        }

        var times = a.Points.Concat(b.Points).Select(p => p.Time).Where(x => x >= from && x <= to).Distinct().Order().ToList();
        var pa = times.Select(x => At(a, x)).ToList();
        var pb = times.Select(x => At(b, x)).ToList();
        var d = times.Select((_, k) => Geodesic.Between(pa[k], pb[k]).Metres).ToList();
        var closest = d.IndexOf(d.Min());
        var closingRange = threshold + (terms.ClosingSpeedMetresPerSecond * terms.ClosingDuration.TotalSeconds);
        if (d[closest] >= Math.Max(threshold, closingRange))
        {
            return;
        }

        // The approach: back from the closest instant while the distance kept shrinking.
        var start = closest;
        while (start > 0 && d[start - 1] >= d[start])
        {
            start--;
        }

        double shareA = 0, shareB = 0;
        for (var k = start + 1; k <= closest; k++)
        {
            shareA += d[k - 1] - Geodesic.Between(pa[k], pb[k - 1]).Metres;
            shareB += d[k - 1] - Geodesic.Between(pa[k - 1], pb[k]).Metres;
        }

        var (closer, other, closerShare, otherShare) = shareA >= shareB ? (a, b, shareA, shareB) : (b, a, shareB, shareA);
        var (t0, t1) = (times[start], times[closest]);
        var points = a.Points.Concat(b.Points).Where(p => p.Time >= t0 && p.Time <= t1).ToList();
        var entries = points.Select(p => p.Index).ToList();
        var closed = d[start] - d[closest];
        var shares = $"from {Metres(d[start])} at {Iso(t0)}: {closer.Unit}'s own motion closed {Metres(closerShare)}, {other.Unit}'s {Metres(otherShare)}";
        if (d[closest] < threshold)
        {
            Add(closer.Party, Rules.Proximity, false, t1,
                $"{closer.Unit} came within {Metres(d[closest])} of {other.Party}'s {other.Unit} at {Iso(t1)} (threshold {Metres(threshold)}); {shares}",
                [.. entries, .. AlertsFor(a.Unit, b.Unit, "proximity", t0, t1)], Source(points));
            Add(other.Party, Rules.Proximity, true, t1,
                $"{other.Unit} was not the one closing the distance to {closer.Party}'s {closer.Unit} (down by {Metres(closed)} to {Metres(d[closest])} at {Iso(t1)}); {shares}",
                entries, Source(points));
            if (closer.MovementId is not { } id || !_requests.Values.Any(r => r.MovementId == id && r.To.Name == other.Party))
            {
                Add(closer.Party, Rules.NoPassageRequest, false, t1,
                    $"{closer.Unit} came within {Metres(d[closest])} of {other.Party}'s {other.Unit} with no passage request to {other.Party} ({(closer.MovementId is { } m ? "movement " + m : "no movement declared")})",
                    [.. entries, .. closer.MovementId is { } mid ? [_movementActs[mid][0].Index] : Array.Empty<long>()], Source(points));
            }
        }

        var seconds = (t1 - t0).TotalSeconds;
        var speed = seconds > 0 ? closerShare / seconds : 0;
        if (terms.ClosingSpeedMetresPerSecond > 0 && speed > terms.ClosingSpeedMetresPerSecond)
        {
            var verb = otherShare < 0 ? "pursued" : "closed on";
            Add(closer.Party, Rules.Closing, false, t0,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{closer.Unit} {verb} {other.Party}'s {other.Unit} from {Iso(t0)} to {Iso(t1)} at {speed:0.0} m/s of its own (limit {terms.ClosingSpeedMetresPerSecond:0.0} m/s), down to {Metres(d[closest])}; {shares}"),
                [.. entries, .. AlertsFor(a.Unit, b.Unit, "closing", t0, t1)], Source(points));
        }
    }

    // The unit's position at a time within its track: linear in longitude and latitude between the reports around it.
    private static Wgs84 At(UnitTrack track, DateTimeOffset time)
    {
        var points = track.Points;
        var after = 0;
        while (after < points.Count && points[after].Time < time)
        {
            after++;
        }

        if (after == 0)
        {
            return points[0].Position;
        }

        if (after == points.Count)
        {
            return points[^1].Position;
        }

        var (p, q) = (points[after - 1], points[after]);
        var span = (q.Time - p.Time).TotalSeconds;
        var f = span <= 0 ? 1 : (time - p.Time).TotalSeconds / span;
        return Wgs84.FromLonLat(p.Position.Longitude + (f * (q.Position.Longitude - p.Position.Longitude)), p.Position.Latitude + (f * (q.Position.Latitude - p.Position.Latitude)));
    }

    private static DateTimeOffset Max(DateTimeOffset x, DateTimeOffset y) => x > y ? x : y;

    private static DateTimeOffset Min(DateTimeOffset x, DateTimeOffset y) => x < y ? x : y;
}
