using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// A movement cut into pieces (DESIGN.md, "Conflict"), in buffers reused from one movement to the next: the vertices
/// of all pieces in degrees and in ECEF, and their instants. Piece i of a route is the segment from vertex i to vertex i + 1 over
/// <c>[Ticks[i] − tolerance, Ticks[i+1] + tolerance]</c>; a static site is the zero-length segment [site, site] over
/// its validity; a zone is its whole ring over its validity (Ticks[0], Ticks[1]).
/// </summary>
/// <threadsafety>Not thread-safe: one instance per thread.</threadsafety>
internal sealed class PieceCut
{
    private double[] _longitudes = new double[64];
    private double[] _latitudes = new double[64];
    private long[] _ticks = new long[64];
    private double[] _x = new double[64];
    private double[] _y = new double[64];
    private double[] _z = new double[64];

    public Movement Movement { get; private set; } = null!;

    public int VertexCount { get; private set; }

    public int PieceCount { get; private set; }

    public bool IsZone { get; private set; }

    public long ToleranceTicks { get; private set; }

    public ReadOnlySpan<double> Longitudes => _longitudes.AsSpan(0, VertexCount);

    public ReadOnlySpan<double> Latitudes => _latitudes.AsSpan(0, VertexCount);

    /// <summary>Cuts <paramref name="movement"/> into pieces of at most <paramref name="segmentTicks"/> (DESIGN.md:
    /// k = max(1, ⌈leg / segment⌉) pieces of equal duration per leg, positions along the geodesic in proportion to time:
    /// by <see cref="SectionArc"/> on legs up to its <see cref="SectionArc.MaxChordMetres"/>, within a millimetre of
    /// Vincenty's direct solution, and by Vincenty's direct solution (<see cref="GeodesicLine"/>) on longer ones).</summary>
    public PieceCut Fill(Movement movement, long segmentTicks)
    {
        Movement = movement;
        ToleranceTicks = movement.Tolerance.Ticks;
        IsZone = movement.Kind == MovementKind.Zone;
        switch (movement.Kind)
        {
            case MovementKind.Static:
            {
                var site = movement.Site;
                var validity = movement.Validity!.Value;
                Reserve(2);
                (_longitudes[0], _latitudes[0], _ticks[0]) = (site.Longitude, site.Latitude, validity.Start.UtcTicks);
                (_longitudes[1], _latitudes[1], _ticks[1]) = (site.Longitude, site.Latitude, validity.End.UtcTicks);
                (_x[0], _y[0], _z[0]) = Ecef.FromDegrees(site.Longitude, site.Latitude);
                (_x[1], _y[1], _z[1]) = (_x[0], _y[0], _z[0]);
                (VertexCount, PieceCount) = (2, 1);
                break;
            }

            case MovementKind.Zone:
            {
                var ring = movement.Polygon;
                var validity = movement.Validity!.Value;
                Reserve(Math.Max(2, ring.Count));
                for (var i = 0; i < ring.Count; i++)
                {
                    (_longitudes[i], _latitudes[i]) = (ring[i].Longitude, ring[i].Latitude);
                    (_x[i], _y[i], _z[i]) = Ecef.FromDegrees(ring[i].Longitude, ring[i].Latitude);
                }

                (_ticks[0], _ticks[1]) = (validity.Start.UtcTicks, validity.End.UtcTicks);
                (VertexCount, PieceCount) = (ring.Count, 1);
                break;
            }

            default:
                CutRoute(movement.Waypoints, segmentTicks);
                break;
        }

        return this;
    }

    private void CutRoute(IReadOnlyList<Waypoint> route, long segmentTicks)
    {
        long total = 1;
        for (var j = 0; j + 1 < route.Count; j++)
        {
            total += Pieces(route[j + 1].Time.UtcTicks - route[j].Time.UtcTicks, segmentTicks);
        }

        Reserve((int)total);
        PutWaypoint(0, route[0]);
        var first = 0;
        for (var j = 0; j + 1 < route.Count; j++)
        {
            var (from, to) = (route[j], route[j + 1]);
            var legTicks = to.Time.UtcTicks - from.Time.UtcTicks;
            var k = (int)Pieces(legTicks, segmentTicks);
            var last = first + k;
            PutWaypoint(last, to);
            if (k > 1)
            {
                // Only legs cut into several pieces need positions along the geodesic.
                var arc = new SectionArc(_x[first], _y[first], _z[first], _x[last], _y[last], _z[last]);
                var line = arc.IsShort ? default : new GeodesicLine(from.Position, to.Position);
                var narrow = legTicks <= long.MaxValue / k; // legTicks · m / k without 128-bit arithmetic (the usual case)
                for (var m = 1; m < k; m++)
                {
                    var v = first + m;
                    if (arc.IsShort)
                    {
                        (_x[v], _y[v], _z[v]) = arc.At((double)m / k);
                        (_longitudes[v], _latitudes[v]) = Ecef.SurfaceToDegrees(_x[v], _y[v], _z[v]);
                    }
                    else
                    {
                        var p = line.PointAt((double)m / k);
                        (_longitudes[v], _latitudes[v]) = (p.Longitude, p.Latitude);
                        (_x[v], _y[v], _z[v]) = Ecef.FromDegrees(p.Longitude, p.Latitude);
                    }

                    _ticks[v] = from.Time.UtcTicks + (narrow ? legTicks * m / k : (long)((Int128)legTicks * m / k));
                }
            }

            first = last;
        }

        (VertexCount, PieceCount) = ((int)total, (int)total - 1);
    }

    private void PutWaypoint(int v, Waypoint waypoint)
    {
        (_longitudes[v], _latitudes[v], _ticks[v]) = (waypoint.Position.Longitude, waypoint.Position.Latitude, waypoint.Time.UtcTicks);
        (_x[v], _y[v], _z[v]) = Ecef.FromDegrees(waypoint.Position.Longitude, waypoint.Position.Latitude);
    }

    private static long Pieces(long legTicks, long segmentTicks) => Math.Max(1, (legTicks + segmentTicks - 1) / segmentTicks);

    private void Reserve(int count)
    {
        if (count > _longitudes.Length)
        {
            var size = Math.Max(count, 2 * _longitudes.Length);
            (_longitudes, _latitudes, _ticks) = (new double[size], new double[size], new long[size]);
            (_x, _y, _z) = (new double[size], new double[size], new double[size]);
        }
    }

    /// <summary>The first tick of piece i's window (tolerance included).</summary>
    public long StartTicks(int piece) => _ticks[piece] - ToleranceTicks;

    /// <summary>The last tick of piece i's window (tolerance included).</summary>
    public long EndTicks(int piece) => _ticks[piece + 1] + ToleranceTicks;

    /// <summary>The index of piece i's first vertex.</summary>
    public int FirstVertex(int piece) => IsZone ? 0 : piece;

    /// <summary>How many vertices piece i has: two for a route or site, the ring for a zone.</summary>
    public int PieceVertices => IsZone ? VertexCount : 2;

    /// <summary>The vertices of piece i: two for a route or site, the ring for a zone.</summary>
    public ReadOnlySpan<double> PieceLongitudes(int piece) => _longitudes.AsSpan(FirstVertex(piece), PieceVertices);

    /// <summary>The vertices of piece i: two for a route or site, the ring for a zone.</summary>
    public ReadOnlySpan<double> PieceLatitudes(int piece) => _latitudes.AsSpan(FirstVertex(piece), PieceVertices);

    /// <summary>Writes every vertex as ECEF with its instant (vertices past the instants get 0).</summary>
    public void WriteVertices(Span<Vertex> destination)
    {
        var ticks = IsZone ? 2 : VertexCount;
        for (var i = 0; i < VertexCount; i++)
        {
            ref var v = ref destination[i];
            (v.X, v.Y, v.Z) = (_x[i], _y[i], _z[i]);
            v.Ticks = i < ticks ? _ticks[i] : 0;
        }
    }

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

    /// <summary>
    /// A conservative bounding box in degrees of piece i buffered by <paramref name="bufferMetres"/>, with slack for the
    /// bulge of geodesic edges off straight lines in degrees and for the error of the approximate distance.
    /// </summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds(int piece, double bufferMetres)
    {
        var lons = PieceLongitudes(piece);
        var lats = PieceLatitudes(piece);
        double minLon = lons[0], maxLon = lons[0], minLat = lats[0], maxLat = lats[0], bulge = 0;
        for (var i = 1; i < lons.Length; i++)
        {
            minLon = Math.Min(minLon, lons[i]);
            maxLon = Math.Max(maxLon, lons[i]);
            minLat = Math.Min(minLat, lats[i]);
            maxLat = Math.Max(maxLat, lats[i]);
            // An edge of length L leaves the straight line in degrees by about L²·tan φ / 8R; bound it generously.
            var dy = (lats[i] - lats[i - 1]) * 111_700;
            var dx = (lons[i] - lons[i - 1]) * 111_320 * Math.Cos(lats[i] * Ellipsoid.DegreesToRadians);
            var lengthSquared = (dx * dx) + (dy * dy);
            bulge = Math.Max(bulge, lengthSquared / (4 * 6_350_000.0) * (1 + Math.Tan(Math.Min(85, Math.Abs(lats[i])) * Ellipsoid.DegreesToRadians)));
        }

        var metres = (bufferMetres * 1.002) + bulge + 1;
        var dLat = metres / Ellipsoid.MinMetresPerDegreeLatitude;
        var highest = Math.Max(Math.Abs(minLat), Math.Abs(maxLat)) + dLat;
        if (highest >= 89 || maxLon - minLon > 180)
        {
            return (-180, Math.Max(-90, minLat - dLat), 180, Math.Min(90, maxLat + dLat));
        }

        var dLon = metres / (Ellipsoid.MetresPerDegreeLongitudeAtEquator * Math.Cos(highest * Ellipsoid.DegreesToRadians));
        return (Math.Max(-180, minLon - dLon), Math.Max(-90, minLat - dLat), Math.Min(180, maxLon + dLon), Math.Min(90, maxLat + dLat));
    }
}
