using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Deconflict.Geo;

namespace Deconflict.Track;

// Pair rules: proximity with hysteresis, and closing (pursuit) measured along the line of sight.
public sealed partial class Tracker
{
    private readonly Dictionary<long, PairState> _pairs = [];
    private readonly double _closingRangeMetres;
    private readonly double _closingClearRangeMetres;
    private readonly long _closingDurationTicks;
    private readonly long _staleTicks;

    /// <summary>The pairs with a raised proximity alert, as unit ids (for tests against a brute-force oracle).</summary>
    internal IEnumerable<(string A, string B)> RaisedProximityPairs() =>
        _pairs.Where(p => p.Value.Proximity).Select(p => (_ids[(int)(p.Key >> 32)], _ids[(int)p.Key]));

    // a is the unit reporting now; b any unit of another, non-allied party.
    private void EvaluatePair(int a, int b, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        ref var ua = ref _units[a];
        ref var ub = ref _units[b];
        var dx = (ub.Longitude - ua.Longitude) * (ua.East + ub.East) * 0.5;
        var dy = (ub.Latitude - ua.Latitude) * (ua.North + ub.North) * 0.5;
        var distance = Math.Sqrt((dx * dx) + (dy * dy));
        var slot = ((int)ua.Kind * KindCount) + (int)ub.Kind;

        // Velocity components along the line of sight from a to b: a's towards b, and b's towards a.
        double approachA = 0, approachB = 0;
        if (distance > 0)
        {
            var ux = dx / distance;
            var uy = dy / distance;
            approachA = (ua.EastSpeed * ux) + (ua.NorthSpeed * uy);
            approachB = -((ub.EastSpeed * ux) + (ub.NorthSpeed * uy));
        }

        var closingSpeed = approachA + approachB;
        var key = a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
        ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(_pairs, key);
        if (Unsafe.IsNullRef(ref state))
        {
            var speed = _rules.ClosingSpeedMetresPerSecond;
            var watch = distance < _proximityMetres[slot]
                || (distance <= _closingRangeMetres && (approachA > speed || approachB > speed));
            if (!watch)
            {
                return;
            }

            state = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, key, out _);
            Link(a, b);
        }

        if (!state.Proximity && distance < _proximityMetres[slot])
        {
            state.Proximity = true;
            alerts.Add(PairAlert(TrackAlertKind.Proximity, AlertTransition.Raised, a, b, distance, closingSpeed, midpoint: true, time));
        }
        else if (state.Proximity && distance > _clearMetres[slot])
        {
            state.Proximity = false;
            alerts.Add(PairAlert(TrackAlertKind.Proximity, AlertTransition.Cleared, a, b, distance, closingSpeed, midpoint: true, time));
        }

        // Side 0 is the lower unit index of the pair, side 1 the higher.
        if (a < b)
        {
            Closing(ref state.Since0, ref state.Closing0, approachA, a, b, distance, closingSpeed, ticks, time, alerts);
            Closing(ref state.Since1, ref state.Closing1, approachB, b, a, distance, closingSpeed, ticks, time, alerts);
        }
        else
        {
            Closing(ref state.Since0, ref state.Closing0, approachB, b, a, distance, closingSpeed, ticks, time, alerts);
            Closing(ref state.Since1, ref state.Closing1, approachA, a, b, distance, closingSpeed, ticks, time, alerts);
        }

        if (state.IsIdle)
        {
            _pairs.Remove(key);
            Unlink(a, b);
        }
    }

    // pursuer's approach speed towards target; "since" is the time it started closing, 0 when it is not.
    private void Closing(ref long since, ref bool raised, double approach, int pursuer, int target, double distance, double closingSpeed, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        var speed = _rules.ClosingSpeedMetresPerSecond;
        if (distance <= _closingRangeMetres && approach > speed)
        {
            if (since == 0)
            {
                since = ticks;
            }

            if (!raised && ticks - since >= _closingDurationTicks)
            {
                raised = true;
                alerts.Add(PairAlert(TrackAlertKind.Closing, AlertTransition.Raised, pursuer, target, distance, closingSpeed, midpoint: false, time));
            }

            return;
        }

        since = 0;
        // Hysteresis: a raised closing alert clears when the pursuer slows well below the threshold or gets well out of range.
        if (raised && (approach * _rules.ClearRatio < speed || distance > _closingClearRangeMetres))
        {
            raised = false;
            alerts.Add(PairAlert(TrackAlertKind.Closing, AlertTransition.Cleared, pursuer, target, distance, closingSpeed, midpoint: false, time));
        }
    }

    private TrackAlert PairAlert(TrackAlertKind kind, AlertTransition transition, int unit, int other, double distance, double closingSpeed, bool midpoint, DateTimeOffset time)
    {
        ref var u = ref _units[unit];
        ref var o = ref _units[other];
        var position = midpoint
            ? Wgs84.FromLonLatTrusted((u.Longitude + o.Longitude) * 0.5, (u.Latitude + o.Latitude) * 0.5)
            : Wgs84.FromLonLatTrusted(u.Longitude, u.Latitude);
        return new TrackAlert(kind, transition, _ids[unit], _parties[u.Party], _ids[other], _parties[o.Party],
            Distance.FromMetres(distance), closingSpeed, position, time);
    }

    private void Link(int a, int b)
    {
        Append(ref _units[a], b);
        Append(ref _units[b], a);

        static void Append(ref Unit u, int other)
        {
            u.Pairs ??= new int[4];
            if (u.PairCount == u.Pairs.Length)
            {
                Array.Resize(ref u.Pairs, u.PairCount * 2);
            }

            u.Pairs[u.PairCount++] = other;
        }
    }

    private void Unlink(int a, int b)
    {
        Drop(ref _units[a], b);
        Drop(ref _units[b], a);

        static void Drop(ref Unit u, int other)
        {
            var at = Array.IndexOf(u.Pairs!, other, 0, u.PairCount);
            u.Pairs![at] = u.Pairs[--u.PairCount];
        }
    }

    private struct PairState
    {
        public bool Proximity;
        public bool Closing0;
        public bool Closing1;
        public long Since0;
        public long Since1;

        public readonly bool IsIdle => !Proximity && !Closing0 && !Closing1 && Since0 == 0 && Since1 == 0;
    }
}
