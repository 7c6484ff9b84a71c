using Deconflict.Geo;
using Deconflict.Internal;

namespace Deconflict.Track;

/// <summary>One waypoint of a planned route: where, and when the unit should be there.</summary>
/// <param name="Position">The waypoint.</param>
/// <param name="Time">When the unit should be at it, UTC.</param>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly record struct TimedWaypoint(Wgs84 Position, DateTimeOffset Time);

/// <summary>A cleared route of timed waypoints with a corridor half-width and a schedule tolerance: the tracker's
/// <see cref="ICorridor"/> for one unit.</summary>
/// <remarks>
/// <para>Between waypoints the plan moves at constant speed along the leg; two consecutive waypoints at one place mean a
/// planned halt. A single waypoint is a static site over [its time, its time]. Times must not decrease.</para>
/// <para>Implementation note: legs are measured in a local tangent plane at the reported latitude, accurate to well
/// under 0.1 % for legs up to 50 km (DESIGN.md allows 0.1 % + 0.5 m). When the route passes the same place twice, the
/// leg chosen is the one within the corridor whose planned time is nearest the report.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class PlannedRoute : ICorridor
{
    private readonly TimedWaypoint[] _waypoints;

    /// <summary>Creates a route.</summary>
    /// <exception cref="ArgumentException"><paramref name="waypoints"/> is empty or its times decrease.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    public PlannedRoute(IEnumerable<TimedWaypoint> waypoints, Distance halfWidth, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        _waypoints = [.. waypoints];
        if (_waypoints.Length == 0)
        {
            throw new ArgumentException("A route should have at least one waypoint", nameof(waypoints));
        }

        for (var i = 1; i < _waypoints.Length; i++)
        {
            if (_waypoints[i].Time < _waypoints[i - 1].Time)
            {
                throw new ArgumentException($"Waypoint times should not decrease; waypoint {i} is at {_waypoints[i].Time:O}, before {_waypoints[i - 1].Time:O}", nameof(waypoints));
            }
        }

        if (tolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "Value should not be negative");
        }

        HalfWidth = halfWidth;
        Tolerance = tolerance;
        Window = TimeWindow.FromStartEnd(_waypoints[0].Time, _waypoints[^1].Time).Widen(tolerance);
    }

    /// <summary>The waypoints, in order.</summary>
    public IReadOnlyList<TimedWaypoint> Waypoints => _waypoints;

    /// <summary>The corridor's half-width.</summary>
    public Distance HalfWidth { get; }

    /// <summary>The schedule tolerance.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>The window in which the movement is cleared: first to last waypoint time, widened by the tolerance.</summary>
    public TimeWindow Window { get; }

    /// <inheritdoc />
    public ConformanceCheck Check(Wgs84 position, DateTimeOffset time)
    {
        LocalMetres.PerDegree(position.Latitude, out var north, out var east);
        var bestOff = double.PositiveInfinity;
        var bestDeviation = TimeSpan.MaxValue;
        var bestInside = false;
        for (var i = 0; i < Math.Max(1, _waypoints.Length - 1); i++)
        {
            var a = _waypoints[i];
            var b = _waypoints[Math.Min(i + 1, _waypoints.Length - 1)];
            var (off, fraction) = Project(position, a.Position, b.Position, north, east);
            var deviation = Deviation(time, a.Time, b.Time, fraction, a.Position == b.Position);
            var inside = off <= HalfWidth.Metres;

            // Prefer legs the unit is inside; among them the nearest in time; otherwise the nearest in space.
            var better = inside != bestInside
                ? inside
                : inside ? deviation.Duration() < bestDeviation.Duration() : off < bestOff;
            if (better)
            {
                (bestOff, bestDeviation, bestInside) = (off, deviation, inside);
            }
        }

        return new ConformanceCheck(Distance.FromMetres(bestOff), HalfWidth, bestDeviation, Tolerance, time >= Window.Start && time <= Window.End);
    }

    // Distance from p to segment ab in metres, and the fraction along ab of the nearest point.
    private static (double OffMetres, double Fraction) Project(Wgs84 p, Wgs84 a, Wgs84 b, double north, double east)
    {
        var ax = (a.Longitude - p.Longitude) * east;
        var ay = (a.Latitude - p.Latitude) * north;
        var bx = (b.Longitude - p.Longitude) * east;
        var by = (b.Latitude - p.Latitude) * north;
        var dx = bx - ax;
        var dy = by - ay;
        var length2 = (dx * dx) + (dy * dy);
        var t = length2 == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / length2, 0, 1);
        var x = ax + (t * dx);
        var y = ay + (t * dy);
        return (Math.Sqrt((x * x) + (y * y)), t);
    }

    private static TimeSpan Deviation(DateTimeOffset time, DateTimeOffset start, DateTimeOffset end, double fraction, bool halt)
    {
        if (halt)
        {
            // At a halt the plan is at this place for the whole leg: on time anywhere inside it.
            return time < start ? time - start : time > end ? time - end : TimeSpan.Zero;
        }

        var planned = start + ((end - start) * fraction);
        return time - planned;
    }
}
