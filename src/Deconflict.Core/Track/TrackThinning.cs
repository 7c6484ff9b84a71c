using Deconflict.Geo;
using Deconflict.Internal;

namespace Deconflict.Track;

/// <summary>
/// Decides which position reports of each unit are recorded as evidence, by dead reckoning: a report is kept when the
/// unit has strayed more than <see cref="Tolerance"/> from where its last kept report, moving on at its last kept
/// velocity, puts it, or when <see cref="MaxInterval"/> has passed since the last kept report.
/// </summary>
/// <remarks>
/// <para>This is the rule DIS (IEEE 1278.1) uses to decide when an entity's state must be sent again, applied to the
/// ledger rather than the network: the live tracker still sees every report, only the record is thinned.</para>
/// <para>The guarantee, checkable from the kept reports alone: every dropped report lay within <see cref="Tolerance"/>
/// of the dead-reckoned position of the kept report before it, less than <see cref="MaxInterval"/> after it. The
/// velocity used is the displacement between the last two kept reports over their time difference (0 after the first),
/// never one derived from dropped reports, so anyone holding the ledger can recompute it. A stationary unit costs one
/// report per <see cref="MaxInterval"/>; one driving straight at a steady speed about the same.</para>
/// <para>The first report of a unit, and any report older than the unit's last kept one (it arrived out of order), is
/// always kept. A <see cref="Tolerance"/> of zero keeps every report. Distances are measured in the plane tangent to the
/// ellipsoid at the last kept position (<see cref="LocalMetres"/>), exact to millimetres over the few kilometres a unit
/// covers in one interval.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: one instance per recording path, used under that path's lock.</threadsafety>
public sealed class TrackThinning
{
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);

    /// <summary>Creates the rule.</summary>
    /// <param name="tolerance">How far from its dead-reckoned position a unit may stray before a report is kept.</param>
    /// <param name="maxInterval">The longest time between two kept reports of a unit; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxInterval"/> is not positive.</exception>
    public TrackThinning(Distance tolerance, TimeSpan maxInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxInterval, TimeSpan.Zero);
        Tolerance = tolerance;
        MaxInterval = maxInterval;
    }

    /// <summary>The default evidence rule: 10 m from the dead-reckoned position, at least one report every 30 s.</summary>
    public static TrackThinning CreateDefault() => new(Distance.FromMetres(10), TimeSpan.FromSeconds(30));

    /// <summary>How far from its dead-reckoned position a unit may stray before a report is kept.</summary>
    public Distance Tolerance { get; }

    /// <summary>The longest time between two kept reports of one unit.</summary>
    public TimeSpan MaxInterval { get; }

    /// <summary>Decides whether to keep a report, and if so makes it the unit's last kept report.</summary>
    /// <param name="unit">The unit's id; reports of different units never affect each other.</param>
    /// <param name="position">Where the unit was.</param>
    /// <param name="time">When it was there.</param>
    /// <returns>Whether the report is to be recorded.</returns>
    /// <exception cref="ArgumentException"><paramref name="unit"/> is empty.</exception>
    public bool Keep(string unit, Wgs84 position, DateTimeOffset time)
    {
        Guard.NotEmpty(unit);
        ref var kept = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_kept, unit, out var seen);
        if (!seen)
        {
            kept = new Kept(position, time, 0, 0);
            return true;
        }

        if (time < kept.Time || Tolerance == Distance.Zero)
        {
            return true;
        }

        var seconds = (time - kept.Time).TotalSeconds;
        LocalMetres.PerDegree(kept.Position.Latitude, out var northPerDegree, out var eastPerDegree);
        var east = (position.Longitude - kept.Position.Longitude) * eastPerDegree;
        var north = (position.Latitude - kept.Position.Latitude) * northPerDegree;
        var strayEast = east - (kept.EastMetresPerSecond * seconds);
        var strayNorth = north - (kept.NorthMetresPerSecond * seconds);
        var strayed = Math.Sqrt((strayEast * strayEast) + (strayNorth * strayNorth)) > Tolerance.Metres;
        if (!strayed && time - kept.Time < MaxInterval)
        {
            return false;
        }

        kept = seconds > 0
            ? new Kept(position, time, east / seconds, north / seconds)
            : kept with { Position = position };
        return true;
    }

    private readonly record struct Kept(Wgs84 Position, DateTimeOffset Time, double EastMetresPerSecond, double NorthMetresPerSecond);
}
