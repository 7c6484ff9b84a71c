using Deconflict.Geo;

namespace Deconflict.Track;

/// <summary>A unit's cleared movement as the tracker needs it: where and when the unit should be.</summary>
/// <remarks>
/// <para>A small seam so that the tracker does not depend on how movements are declared; <see cref="PlannedRoute"/> is
/// the implementation for a route of timed waypoints. Implementations must be immutable and deterministic.</para>
/// </remarks>
public interface ICorridor
{
    /// <summary>Compares a reported position and time with the plan.</summary>
    ConformanceCheck Check(Wgs84 position, DateTimeOffset time);
}

/// <summary>How a report compares with a unit's cleared movement.</summary>
/// <param name="OffCentreline">Distance from the route's centreline (its nearest leg).</param>
/// <param name="HalfWidth">The corridor's half-width: farther than this from the centreline is outside.</param>
/// <param name="ScheduleDeviation">How late the unit is where it is: positive behind schedule, negative ahead, zero within
/// the planned times for that point.</param>
/// <param name="Tolerance">The schedule tolerance: a larger deviation either way is nonconformance.</param>
/// <param name="InsideTimeWindow">Whether the time lies within the movement's window, widened by the tolerance.</param>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly record struct ConformanceCheck(Distance OffCentreline, Distance HalfWidth, TimeSpan ScheduleDeviation, TimeSpan Tolerance, bool InsideTimeWindow)
{
    /// <summary>Whether the unit is outside its corridor.</summary>
    public bool IsOutsideCorridor => OffCentreline > HalfWidth;

    /// <summary>Whether the unit is ahead of schedule beyond the tolerance.</summary>
    public bool IsAhead => ScheduleDeviation < -Tolerance;

    /// <summary>Whether the unit is behind schedule beyond the tolerance.</summary>
    public bool IsBehind => ScheduleDeviation > Tolerance;
}
