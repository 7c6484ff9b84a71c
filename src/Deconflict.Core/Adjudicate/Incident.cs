using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Internal;
using Deconflict.Track;

namespace Deconflict.Adjudicate;

/// <summary>What adjudication looks at: a circle on the ground and a time window, each widened by a margin.</summary>
/// <remarks>Entries are relevant when they concern the area within <c>Radius + SpaceMargin</c> of <see cref="Centre"/>
/// during <c>Window</c> widened by <see cref="TimeMargin"/> on both sides; declarations are relevant when their route
/// passes through that area and time, whenever they were declared.</remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class Incident
{
    /// <summary>Creates an incident.</summary>
    /// <param name="id">The incident id, e.g. <c>inc-1</c>.</param>
    /// <param name="centre">The centre of the area.</param>
    /// <param name="radius">The radius of the area.</param>
    /// <param name="window">When it happened.</param>
    /// <param name="spaceMargin">How far beyond the radius to look.</param>
    /// <param name="timeMargin">How long before and after the window to look; not negative.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeMargin"/> is negative.</exception>
    public Incident(string id, Wgs84 centre, Distance radius, TimeWindow window, Distance spaceMargin, TimeSpan timeMargin)
    {
        Id = Guard.NotEmpty(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeMargin, TimeSpan.Zero);
        Centre = centre;
        Radius = radius;
        Window = window;
        SpaceMargin = spaceMargin;
        TimeMargin = timeMargin;
    }

    /// <summary>The incident id.</summary>
    public string Id { get; }

    /// <summary>The centre of the area.</summary>
    public Wgs84 Centre { get; }

    /// <summary>The radius of the area.</summary>
    public Distance Radius { get; }

    /// <summary>When it happened.</summary>
    public TimeWindow Window { get; }

    /// <summary>How far beyond the radius to look.</summary>
    public Distance SpaceMargin { get; }

    /// <summary>How long before and after the window to look.</summary>
    public TimeSpan TimeMargin { get; }

    /// <summary>The window widened by the margin.</summary>
    public TimeWindow Scope => Window.Widen(TimeMargin);

    /// <summary>The radius plus the margin.</summary>
    public Distance Reach => Radius + SpaceMargin;

    /// <summary>Whether <paramref name="movement"/> concerns the incident: its window widened by its tolerance overlaps
    /// <see cref="Scope"/>, and its corridor (route buffered by its half-width; a site's or zone's vertices) comes within
    /// <see cref="Reach"/> of <see cref="Centre"/>.</summary>
    /// <param name="movement">A declared movement.</param>
    /// <exception cref="ArgumentNullException"><paramref name="movement"/> is null.</exception>
    public bool Concerns(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return movement.Span.Widen(movement.Tolerance).Overlaps(Scope) && MetresFromCentre(movement) <= Reach.Metres;
    }

    // How far the movement's corridor stays from the centre, in metres (0 when the centre is inside it).
    private double MetresFromCentre(Movement movement)
    {
        if (movement.Kind is MovementKind.Ground or MovementKind.Air)
        {
            var route = new PlannedRoute(movement.Waypoints.Select(w => new TimedWaypoint(w.Position, w.Time)), movement.HalfWidth, movement.Tolerance);
            return Math.Max(0, route.Check(Centre, route.Window.Start).OffCentreline.Metres - movement.HalfWidth.Metres);
        }

        IEnumerable<Wgs84> vertices = movement.Kind == MovementKind.Zone ? movement.Polygon : [movement.Site];
        return Math.Max(0, vertices.Min(v => Geodesic.Between(v, Centre).Metres) - movement.HalfWidth.Metres);
    }

    /// <summary>Reads an <c>incident.report</c> body: <c>{"incident","area":{"center":[lon,lat],"radiusM"},"window":{"start","end"}}</c>.</summary>
    /// <param name="body">The report body.</param>
    /// <param name="spaceMargin">How far beyond the radius to look.</param>
    /// <param name="timeMargin">How long before and after the window to look.</param>
    /// <exception cref="FormatException">A field is missing or malformed; the message names it.</exception>
    public static Incident FromReport(JsonElement body, Distance spaceMargin, TimeSpan timeMargin)
    {
        try
        {
            var area = body.GetProperty("area");
            var centre = area.GetProperty("center");
            var window = body.GetProperty("window");
            return new Incident(
                body.GetProperty("incident").GetString() ?? "",
                Wgs84.FromLonLat(centre[0].GetDouble(), centre[1].GetDouble()),
                Distance.FromMetres(area.GetProperty("radiusM").GetDouble()),
                TimeWindow.FromStartEnd(window.GetProperty("start").GetDateTimeOffset(), window.GetProperty("end").GetDateTimeOffset()),
                spaceMargin,
                timeMargin);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new FormatException("The incident report should have incident, area {center:[lon,lat], radiusM} and window {start, end}: " + e.Message, e);
        }
    }
}
