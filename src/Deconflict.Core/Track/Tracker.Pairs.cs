using System.Runtime.CompilerServices;
using Deconflict.Geo;

namespace Deconflict.Track;

// Pair rules: proximity with hysteresis, and closing (pursuit) measured along the line of sight.
//
// Implementation note: a pair that needs memory (a raised alert, or a unit closing on the other) is "watched": its
// state lives in a pooled array and both units hold a link to it. A report walks its own links (a few, contiguous)
// and needs no dictionary: any neighbour not linked has, by construction, no state.
public sealed partial class Tracker
{
    private readonly double _closingRangeMetres;
    private readonly double _closingClearRangeMetres;
    private readonly long _closingDurationTicks;
    private readonly long _staleTicks;
    private PairState[] _pairStates = new PairState[64];
    private int _pairStateCount;
    private int[] _freeStates = new int[64];
    private int _freeCount;

    /// <summary>The pairs with a raised proximity alert, as unit ids (for tests against a brute-force oracle).</summary>
    internal List<(string A, string B)> RaisedProximityPairs()
    {
        // A list, not an iterator: compiler-generated iterators read Environment.CurrentManagedThreadId, which
        // CoreIsFreeOfIoTests forbids.
        var pairs = new List<(string, string)>();
        for (var s = 0; s < _pairStateCount; s++)
        {
            var state = _pairStates[s];
            if (state.InUse && state.Proximity)
            {
                pairs.Add((_ids[state.Low], _ids[state.High]));
            }
        }

        return pairs;
    }

    // Geometry of a pair from a (the unit reporting now) to b.
    private readonly struct PairGeometry
    {
        public PairGeometry(in Unit a, in Unit b)
        {
            var dx = (b.Longitude - a.Longitude) * (a.East + b.East) * 0.5;
            var dy = (b.Latitude - a.Latitude) * (a.North + b.North) * 0.5;
            Distance = Math.Sqrt((dx * dx) + (dy * dy));
            if (Distance > 0)
            {
                // Velocity components along the line of sight: a's towards b, and b's towards a.
                var ux = dx / Distance;
                var uy = dy / Distance;
                ApproachA = (a.EastSpeed * ux) + (a.NorthSpeed * uy);
                ApproachB = -((b.EastSpeed * ux) + (b.NorthSpeed * uy));
            }
        }

        public double Distance { get; }

        public double ApproachA { get; }

        public double ApproachB { get; }

        public double ClosingSpeed => ApproachA + ApproachB;
    }

    private void EvaluateNew(int a, int b, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        ref var ua = ref _units[a];
        ref var ub = ref _units[b];
        var g = new PairGeometry(ua, ub);
        var slot = ((int)ua.Kind * KindCount) + (int)ub.Kind;
        var speed = _rules.ClosingSpeedMetresPerSecond;
        var watch = g.Distance < _proximityMetres[slot]
            || (g.Distance <= _closingRangeMetres && (g.ApproachA > speed || g.ApproachB > speed));
        if (!watch)
        {
            return;
        }

        var state = NewState(a, b);
        Apply(a, b, state, slot, g, ticks, time, alerts);
        if (_pairStates[state].IsIdle)
        {
            Unwatch(state);
        }
    }

    private void EvaluateWatched(int a, int k, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        ref var ua = ref _units[a];
        var link = ua.Pairs![k];
        var b = link.Other;
        ref var ub = ref _units[b];
        var g = new PairGeometry(ua, ub);
        var slot = ((int)ua.Kind * KindCount) + (int)ub.Kind;
        Apply(a, b, link.State, slot, g, ticks, time, alerts);
        if (_pairStates[link.State].IsIdle)
        {
            Unwatch(link.State);
        }
    }

    private void Apply(int a, int b, int stateIndex, int slot, in PairGeometry g, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        ref var state = ref _pairStates[stateIndex];
        var distance = g.Distance;
        if (!state.Proximity && distance < _proximityMetres[slot])
        {
            state.Proximity = true;
            alerts.Add(PairAlert(TrackAlertKind.Proximity, AlertTransition.Raised, a, b, g, midpoint: true, time));
        }
        else if (state.Proximity && distance > _clearMetres[slot])
        {
            state.Proximity = false;
            alerts.Add(PairAlert(TrackAlertKind.Proximity, AlertTransition.Cleared, a, b, g, midpoint: true, time));
        }

        // Side 0 is the pair's lower unit index, side 1 the higher.
        if (a < b)
        {
            Closing(ref state.Since0, ref state.Closing0, g.ApproachA, a, b, g, ticks, time, alerts);
            Closing(ref state.Since1, ref state.Closing1, g.ApproachB, b, a, g, ticks, time, alerts);
        }
        else
        {
            Closing(ref state.Since0, ref state.Closing0, g.ApproachB, b, a, g, ticks, time, alerts);
            Closing(ref state.Since1, ref state.Closing1, g.ApproachA, a, b, g, ticks, time, alerts);
        }
    }

    // pursuer's approach speed towards target; "since" is the time it started closing, 0 when it is not.
    private void Closing(ref long since, ref bool raised, double approach, int pursuer, int target, in PairGeometry g, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        var speed = _rules.ClosingSpeedMetresPerSecond;
        if (g.Distance <= _closingRangeMetres && approach > speed)
        {
            if (since == 0)
            {
                since = ticks;
            }

            if (!raised && ticks - since >= _closingDurationTicks)
            {
                raised = true;
                alerts.Add(PairAlert(TrackAlertKind.Closing, AlertTransition.Raised, pursuer, target, g, midpoint: false, time));
            }

            return;
        }

        since = 0;
        // Hysteresis: a raised closing alert clears when the pursuer slows well below the threshold or gets well out of range.
        if (raised && (approach * _rules.ClearRatio < speed || g.Distance > _closingClearRangeMetres))
        {
            raised = false;
            alerts.Add(PairAlert(TrackAlertKind.Closing, AlertTransition.Cleared, pursuer, target, g, midpoint: false, time));
        }
    }

    private TrackAlert PairAlert(TrackAlertKind kind, AlertTransition transition, int unit, int other, in PairGeometry g, bool midpoint, DateTimeOffset time)
    {
        ref var u = ref _units[unit];
        ref var o = ref _units[other];
        var position = midpoint
            ? Wgs84.FromLonLatTrusted((u.Longitude + o.Longitude) * 0.5, (u.Latitude + o.Latitude) * 0.5)
            : Wgs84.FromLonLatTrusted(u.Longitude, u.Latitude);
        return new TrackAlert(kind, transition, _ids[unit], _parties[u.Party], _ids[other], _parties[o.Party],
            Distance.FromMetres(g.Distance), g.ClosingSpeed, position, time) { Audience = PairAudience(u.Party, o.Party) };
    }

    private int NewState(int a, int b)
    {
        int index;
        if (_freeCount > 0)
        {
            index = _freeStates[--_freeCount];
        }
        else
        {
            if (_pairStateCount == _pairStates.Length)
            {
                Array.Resize(ref _pairStates, _pairStates.Length * 2);
            }

            index = _pairStateCount++;
        }

        _pairStates[index] = new PairState { InUse = true, Low = Math.Min(a, b), High = Math.Max(a, b) };
        Link(ref _units[a], b, index);
        Link(ref _units[b], a, index);
        return index;

        static void Link(ref Unit u, int other, int state)
        {
            u.Pairs ??= new PairLink[4];
            if (u.PairCount == u.Pairs.Length)
            {
                Array.Resize(ref u.Pairs, u.PairCount * 2);
            }

            u.Pairs[u.PairCount++] = new PairLink(other, state);
        }
    }

    private void Unwatch(int index)
    {
        ref var state = ref _pairStates[index];
        Unlink(ref _units[state.Low], state.High);
        Unlink(ref _units[state.High], state.Low);
        state.InUse = false;
        if (_freeCount == _freeStates.Length)
        {
            Array.Resize(ref _freeStates, _freeStates.Length * 2);
        }

        _freeStates[_freeCount++] = index;

        static void Unlink(ref Unit u, int other)
        {
            var links = u.Pairs!;
            var at = 0;
            while (links[at].Other != other)
            {
                at++;
            }

            links[at] = links[--u.PairCount];
        }
    }

    private readonly record struct PairLink(int Other, int State);

    private struct PairState
    {
        public int Low;
        public int High;
        public bool InUse;
        public bool Proximity;
        public bool Closing0;
        public bool Closing1;
        public long Since0;
        public long Since1;

        public readonly bool IsIdle => !Proximity && !Closing0 && !Closing1 && Since0 == 0 && Since1 == 0;
    }
}
