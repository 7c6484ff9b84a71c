using System.Collections.ObjectModel;
using Deconflict.Geo;

namespace Deconflict.Declare;

/// <summary>
/// A declared movement or zone of one party: a route of timed waypoints (<see cref="MovementKind.Ground"/>,
/// <see cref="MovementKind.Air"/>), a static site (<see cref="MovementKind.Static"/>) or a zone polygon
/// (<see cref="MovementKind.Zone"/>), with its corridor half-width (a zone's standoff), schedule tolerance and
/// altitude band (DESIGN.md, "Movement file format").
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="Route"/>, <see cref="StaticSite"/> or <see cref="Zone"/>; they reject what the
/// file format forbids with a <see cref="DeconflictException"/> whose code names the rule (see <see cref="MovementErrors"/>).
/// Equality is reference equality: a movement is identified by <see cref="Id"/> within a ledger.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class Movement
{
    private Movement(string id, PartyId party, MovementKind kind, IReadOnlyList<Waypoint> route, IReadOnlyList<Wgs84> polygon,
        TimeWindow? validity, Distance halfWidth, TimeSpan tolerance, AltitudeBand altitude, IReadOnlyList<string> units)
    {
        Id = id;
        Party = party;
        Kind = kind;
        Waypoints = route;
        Polygon = polygon;
        Validity = validity;
        HalfWidth = halfWidth;
        Tolerance = tolerance;
        Altitude = altitude;
        Units = units;
    }

    /// <summary>The feature id, unique among the movements of a ledger; 1–256 characters.</summary>
    public string Id { get; }

    /// <summary>The declaring party.</summary>
    public PartyId Party { get; }

    /// <summary>What the feature is.</summary>
    public MovementKind Kind { get; }

    /// <summary>The route, at least 2 waypoints with non-decreasing times, for ground and air movements; for a static
    /// site, its single position at <see cref="Validity"/>'s start; empty for a zone.</summary>
    public IReadOnlyList<Waypoint> Waypoints { get; }

    /// <summary>A zone's closed outer ring (at least 4 vertices, first repeated last, not self-intersecting);
    /// empty for other kinds.</summary>
    public IReadOnlyList<Wgs84> Polygon { get; }

    /// <summary>When a static site or zone holds (<c>validFrom</c>, <c>validTo</c>); <see langword="null"/> for routes.</summary>
    public TimeWindow? Validity { get; }

    /// <summary>The corridor half-width (<c>halfWidthM</c>), or a zone's standoff (<c>standoffM</c>).</summary>
    public Distance HalfWidth { get; }

    /// <summary>The schedule tolerance (<c>toleranceS</c>), not negative; every piece's window is widened by it.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>The altitude band (<c>altitudeM</c>), <see cref="AltitudeBand.Ground"/> by default.</summary>
    public AltitudeBand Altitude { get; }

    /// <summary>The units that will carry the movement out (may be empty).</summary>
    public IReadOnlyList<string> Units { get; }

    /// <summary>The site of a static movement.</summary>
    /// <exception cref="InvalidOperationException">This is not a static site.</exception>
    public Wgs84 Site => Kind == MovementKind.Static ? Waypoints[0].Position : throw new InvalidOperationException("Only a static site has a site");

    /// <summary>The first and last instants of the plan, before tolerance: the route's first and last times, or the validity.</summary>
    public TimeWindow Span => Validity ?? TimeWindow.FromStartEnd(Waypoints[0].Time, Waypoints[^1].Time);

    /// <summary>Creates a ground or air movement along timed waypoints.</summary>
    /// <exception cref="DeconflictException">A rule of the file format is broken; <see cref="DeconflictException.Code"/> names it.</exception>
    public static Movement Route(string id, PartyId party, MovementKind kind, IEnumerable<Waypoint> waypoints, Distance halfWidth,
        TimeSpan tolerance, AltitudeBand altitude, IEnumerable<string>? units = null)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        var route = waypoints.ToArray();
        CheckCommon(id, party, tolerance);
        if (kind is not (MovementKind.Ground or MovementKind.Air))
        {
            throw MovementErrors.KindGeometryMismatch(kind.ToString(), "LineString");
        }

        if (route.Length < 2)
        {
            throw MovementErrors.TooFewVertices("geometry.coordinates", route.Length, 2);
        }

        for (var i = 1; i < route.Length; i++)
        {
            if (route[i].Time < route[i - 1].Time)
            {
                throw MovementErrors.TimesNotMonotonic(i, route[i].Time);
            }
        }

        return new Movement(id, party, kind, new ReadOnlyCollection<Waypoint>(route), [], null, halfWidth, tolerance, altitude, Freeze(units));
    }

    /// <summary>Creates a static site held over <paramref name="validity"/>.</summary>
    /// <exception cref="DeconflictException">A rule of the file format is broken.</exception>
    public static Movement StaticSite(string id, PartyId party, Wgs84 site, TimeWindow validity, Distance halfWidth,
        TimeSpan tolerance, AltitudeBand altitude, IEnumerable<string>? units = null)
    {
        CheckCommon(id, party, tolerance);
        return new Movement(id, party, MovementKind.Static, [new Waypoint(site, validity.Start)], [], validity, halfWidth, tolerance, altitude, Freeze(units));
    }

    /// <summary>Creates a zone: a closed polygon ring held over <paramref name="validity"/>, with a standoff.</summary>
    /// <exception cref="DeconflictException">The ring is unclosed, too small or self-intersecting, or another rule is broken.</exception>
    public static Movement Zone(string id, PartyId party, IEnumerable<Wgs84> ring, TimeWindow validity, Distance standoff,
        TimeSpan tolerance, AltitudeBand altitude, IEnumerable<string>? units = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var vertices = ring.ToArray();
        CheckCommon(id, party, tolerance);
        if (vertices.Length < 4)
        {
            throw MovementErrors.TooFewVertices("geometry.coordinates[0]", vertices.Length, 4);
        }

        if (vertices[0] != vertices[^1])
        {
            throw MovementErrors.Unclosed(vertices[0], vertices[^1]);
        }

        if (SelfIntersection(vertices) is { } edges)
        {
            throw MovementErrors.SelfIntersecting(edges.First, edges.Second);
        }

        return new Movement(id, party, MovementKind.Zone, [], new ReadOnlyCollection<Wgs84>(vertices), validity, standoff, tolerance, altitude, Freeze(units));
    }

    /// <summary>This movement with every time (waypoints, validity) moved by <paramref name="offset"/>: a delayed
    /// (positive) or advanced (negative) departure.</summary>
    public Movement Shift(TimeSpan offset) =>
        new(Id, Party, Kind, Waypoints.Select(w => new Waypoint(w.Position, w.Time + offset)).ToArray(), Polygon,
            Validity?.Shift(offset), HalfWidth, Tolerance, Altitude, Units);

    /// <summary>Returns <c>kind id (party)</c>.</summary>
    public override string ToString() => $"{Kind} {Id} ({Party})";

    private static void CheckCommon(string id, PartyId party, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 256)
        {
            throw MovementErrors.IdInvalid(id);
        }

        if (party == default)
        {
            throw MovementErrors.PartyMissing();
        }

        if (tolerance < TimeSpan.Zero)
        {
            throw MovementErrors.Negative("properties.toleranceS", tolerance.TotalSeconds);
        }
    }

    private static string[] Freeze(IEnumerable<string>? units) => units?.ToArray() ?? [];

    // Edges i and j intersect other than at the vertex consecutive edges share. O(n²), bounded by the feature size limit.
    private static (int First, int Second)? SelfIntersection(Wgs84[] ring)
    {
        var edges = ring.Length - 1;
        for (var i = 0; i < edges; i++)
        {
            for (var j = i + 1; j < edges; j++)
            {
                var adjacent = j == i + 1 || (i == 0 && j == edges - 1);
                if (adjacent)
                {
                    // Consecutive edges meet at their shared vertex; they intersect only if they fold back onto each other.
                    if (Folds(ring, i, j))
                    {
                        return (i, j);
                    }

                    continue;
                }

                if (Planar.SegmentsIntersect(ring[i].Longitude, ring[i].Latitude, ring[i + 1].Longitude, ring[i + 1].Latitude,
                        ring[j].Longitude, ring[j].Latitude, ring[j + 1].Longitude, ring[j + 1].Latitude))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    private static bool Folds(Wgs84[] ring, int i, int j)
    {
        // Collinear consecutive edges that point back over each other overlap along a stretch.
        var (a, b, c) = j == i + 1 ? (ring[i], ring[i + 1], ring[j + 1]) : (ring[j], ring[j + 1], ring[i + 1]);
        var cross = ((b.Longitude - a.Longitude) * (c.Latitude - a.Latitude)) - ((b.Latitude - a.Latitude) * (c.Longitude - a.Longitude));
        var dot = ((a.Longitude - b.Longitude) * (c.Longitude - b.Longitude)) + ((a.Latitude - b.Latitude) * (c.Latitude - b.Latitude));
        return cross == 0 && dot > 0;
    }
}
