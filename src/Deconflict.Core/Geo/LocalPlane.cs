namespace Deconflict.Geo;

/// <summary>
/// The plane tangent to the WGS 84 ellipsoid at a centre, with positions projected orthographically onto it
/// (east, north in metres): the fast metric in which pieces are compared.
/// </summary>
/// <remarks>
/// Implementation note: the projection is exact ECEF → ENU without the up component:
/// east = N(φ) cos φ sin Δλ, north = N(φ) [(1 − e²) sin φ cos φ0 − sin φ0 cos φ cos Δλ] + N(φ0) e² sin φ0 cos φ0,
/// N the prime-vertical radius of curvature. Distances between projected points underestimate chord lengths by
/// at most a factor cos(r/R) for points r from the centre (8·10⁻⁶ at 25 km), and chords differ from arcs by
/// d²/24R² (10⁻⁵ at 50 km). A geodesic of length L bows off its chord by its sagitta L²/8R, almost vertically;
/// the orthographic projection keeps only a fraction r/R of it, so a projected geodesic leaves the straight
/// segment by at most L²r/8R² (0.38 m for L = r = 50 km, 4 mm for a 5 km piece). See docs/formats/geodesy.md.
/// </remarks>
internal readonly struct LocalPlane
{
    private readonly double _lon0;
    private readonly double _sinLat0;
    private readonly double _cosLat0;
    private readonly double _northOffset;

    public LocalPlane(double centreLongitude, double centreLatitude)
    {
        _lon0 = centreLongitude * Ellipsoid.DegreesToRadians;
        (_sinLat0, _cosLat0) = Math.SinCos(centreLatitude * Ellipsoid.DegreesToRadians);
        var n0 = Ellipsoid.A / Math.Sqrt(1 - (Ellipsoid.E2 * _sinLat0 * _sinLat0));
        _northOffset = n0 * Ellipsoid.E2 * _sinLat0 * _cosLat0;
    }

    /// <summary>Projects a position given in degrees; returns (east, north) in metres from the centre.</summary>
    public (double East, double North) Project(double longitude, double latitude)
    {
        var (sinLat, cosLat) = Math.SinCos(latitude * Ellipsoid.DegreesToRadians);
        var (sinDl, cosDl) = Math.SinCos((longitude * Ellipsoid.DegreesToRadians) - _lon0);
        var n = Ellipsoid.A / Math.Sqrt(1 - (Ellipsoid.E2 * sinLat * sinLat));
        var east = n * cosLat * sinDl;
        var north = (n * (((1 - Ellipsoid.E2) * sinLat * _cosLat0) - (_sinLat0 * cosLat * cosDl))) + _northOffset;
        return (east, north);
    }
}
