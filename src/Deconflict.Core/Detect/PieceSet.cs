using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// A movement cut into pieces (DESIGN.md, "Conflict"), stored compactly: the vertices of all pieces in one array.
/// Piece i of a route is the segment from vertex i to vertex i + 1 over <c>[Ticks[i] − tolerance, Ticks[i+1] + tolerance]</c>;
/// a static site is the zero-length segment [site, site] over its validity; a zone is its whole ring over its validity.
/// </summary>
/// <remarks>
/// Implementation note: memory is 24 bytes per vertex (lon, lat, ticks) plus the header, and a route of W waypoints
/// with k pieces per leg has 1 + Σk vertices, because consecutive pieces share their boundary.
/// </remarks>
internal sealed class PieceSet
{
    private PieceSet(Movement movement, double[] longitudes, double[] latitudes, long[] ticks, int pieceCount)
    {
        Movement = movement;
        Longitudes = longitudes;
        Latitudes = latitudes;
        Ticks = ticks;
        PieceCount = pieceCount;
        ToleranceTicks = movement.Tolerance.Ticks;
        HalfWidthMetres = movement.HalfWidth.Metres;
        IsZone = movement.Kind == MovementKind.Zone;
    }

    public Movement Movement { get; }

    public double[] Longitudes { get; }

    public double[] Latitudes { get; }

    public long[] Ticks { get; }

    public int PieceCount { get; }

    public long ToleranceTicks { get; }

    public double HalfWidthMetres { get; }

    public bool IsZone { get; }

    /// <summary>Cuts a movement into pieces of at most <paramref name="segment"/> (DESIGN.md: k = max(1, ⌈leg / segment⌉)
    /// pieces of equal duration per leg, positions along the geodesic in proportion to time).</summary>
    public static PieceSet Cut(Movement movement, TimeSpan segment)
    {
        switch (movement.Kind)
        {
            case MovementKind.Static:
            {
                var site = movement.Site;
                var validity = movement.Validity!.Value;
                return new PieceSet(movement, [site.Longitude, site.Longitude], [site.Latitude, site.Latitude],
                    [validity.Start.UtcTicks, validity.End.UtcTicks], 1);
            }

            case MovementKind.Zone:
            {
                var ring = movement.Polygon;
                var validity = movement.Validity!.Value;
                return new PieceSet(movement, ring.Select(v => v.Longitude).ToArray(), ring.Select(v => v.Latitude).ToArray(),
                    [validity.Start.UtcTicks, validity.End.UtcTicks], 1);
            }

            default:
                return CutRoute(movement, segment.Ticks);
        }
    }

    private static PieceSet CutRoute(Movement movement, long segmentTicks)
    {
        var route = movement.Waypoints;
        var counts = new long[route.Count - 1];
        long total = 1;
        for (var j = 0; j < counts.Length; j++)
        {
            var legTicks = route[j + 1].Time.UtcTicks - route[j].Time.UtcTicks;
            counts[j] = Math.Max(1, (legTicks + segmentTicks - 1) / segmentTicks);
            total += counts[j];
        }

        var lon = new double[total];
        var lat = new double[total];
        var ticks = new long[total];
        var v = 0;
        for (var j = 0; j < counts.Length; j++)
        {
            var (from, to) = (route[j], route[j + 1]);
            var k = counts[j];
            var line = new GeodesicLine(from.Position, to.Position);
            var legTicks = to.Time.UtcTicks - from.Time.UtcTicks;
            for (long m = 0; m < k; m++, v++)
            {
                var p = m == 0 ? from.Position : line.PointAt((double)m / k);
                (lon[v], lat[v]) = (p.Longitude, p.Latitude);
                ticks[v] = from.Time.UtcTicks + (long)((Int128)legTicks * m / k);
            }
        }

        (lon[v], lat[v], ticks[v]) = (route[^1].Position.Longitude, route[^1].Position.Latitude, route[^1].Time.UtcTicks);
        return new PieceSet(movement, lon, lat, ticks, (int)(total - 1));
    }

    /// <summary>The first tick of piece i's window (tolerance included).</summary>
    public long StartTicks(int piece) => Ticks[piece] - ToleranceTicks;

    /// <summary>The last tick of piece i's window (tolerance included).</summary>
    public long EndTicks(int piece) => Ticks[piece + 1] + ToleranceTicks;

    /// <summary>The vertices of piece i: two for a route or site, the ring for a zone.</summary>
    public ReadOnlySpan<double> PieceLongitudes(int piece) => IsZone ? Longitudes : Longitudes.AsSpan(piece, 2);

    /// <summary>The vertices of piece i: two for a route or site, the ring for a zone.</summary>
    public ReadOnlySpan<double> PieceLatitudes(int piece) => IsZone ? Latitudes : Latitudes.AsSpan(piece, 2);

    /// <summary>Piece i as the public type, for disclosure.</summary>
    public Piece ToPiece(int piece)
    {
        var lons = PieceLongitudes(piece);
        var lats = PieceLatitudes(piece);
        var vertices = new Wgs84[lons.Length];
        for (var i = 0; i < vertices.Length; i++)
        {
            vertices[i] = Wgs84.FromLonLatTrusted(lons[i], lats[i]);
        }

        return new Piece(piece, TimeWindow.FromStartEnd(new DateTimeOffset(StartTicks(piece), TimeSpan.Zero),
            new DateTimeOffset(EndTicks(piece), TimeSpan.Zero)), vertices);
    }

    /// <summary>The approximate memory held, in bytes (arrays and header).</summary>
    public long Bytes => 64 + (3 * (24 + (8L * Longitudes.Length)));
}
