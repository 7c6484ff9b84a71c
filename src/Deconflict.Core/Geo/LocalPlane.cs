namespace Deconflict.Geo;

/// <summary>
/// The plane tangent to the WGS 84 ellipsoid at a centre, with positions projected orthographically onto it
/// (east, north in metres): the fast metric in which pieces are compared.
/// </summary>
/// <remarks>
/// Implementation note: the projection is exact ECEF → ENU without the up component, i.e. two dot products of the
/// position's offset from the centre (<see cref="Ecef"/>) with the east and north unit vectors
/// (east = N(φ) cos φ sin Δλ, north = N(φ) [(1 − e²) sin φ cos φ0 − sin φ0 cos φ cos Δλ] + N(φ0) e² sin φ0 cos φ0).
/// Distances between projected points underestimate chord lengths by at most a factor cos(r/R) for points r from
/// the centre (8·10⁻⁶ at 25 km), and chords differ from arcs by d²/24R² (10⁻⁵ at 50 km). A geodesic of length L bows
/// off its chord by its sagitta L²/8R, almost vertically; the orthographic projection keeps only a fraction r/R of it,
/// so a projected geodesic leaves the straight segment by at most L²r/8R² (0.38 m for L = r = 50 km, 4 mm for a 5 km
/// piece). See docs/formats/geodesy.md.
/// </remarks>
internal readonly struct LocalPlane
{
    private readonly double _x0, _y0, _z0;
    private readonly double _eastX, _eastY;
    private readonly double _northX, _northY, _northZ;

    public LocalPlane(double centreLongitude, double centreLatitude)
    {
        (_x0, _y0, _z0) = Ecef.FromDegrees(centreLongitude, centreLatitude);
        var (sinLat, cosLat) = Math.SinCos(centreLatitude * Ellipsoid.DegreesToRadians);
        var (sinLon, cosLon) = Math.SinCos(centreLongitude * Ellipsoid.DegreesToRadians);
        (_eastX, _eastY) = (-sinLon, cosLon);
        (_northX, _northY, _northZ) = (-sinLat * cosLon, -sinLat * sinLon, cosLat);
    }

    /// <summary>Projects a position given in degrees; returns (east, north) in metres from the centre.</summary>
    public (double East, double North) Project(double longitude, double latitude)
    {
        var (x, y, z) = Ecef.FromDegrees(longitude, latitude);
        return Project(x, y, z);
    }

    /// <summary>Projects an ECEF position in metres; returns (east, north) in metres from the centre.</summary>
    public (double East, double North) Project(double x, double y, double z)
    {
        double dx = x - _x0, dy = y - _y0, dz = z - _z0;
        return ((_eastX * dx) + (_eastY * dy), (_northX * dx) + (_northY * dy) + (_northZ * dz));
    }
}
