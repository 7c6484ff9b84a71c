namespace Deconflict.Geo;

/// <summary>Metres per degree of latitude and of longitude at a latitude, on the WGS 84 ellipsoid.</summary>
/// <remarks>
/// Implementation note: a local tangent plane with the ellipsoid's meridional radius M and prime-vertical radius N
/// (dy = M·Δφ, dx = N·cos φ·Δλ). For two points a few kilometres apart, with the radii averaged over both, the
/// relative error against the geodesic is below 1e-5, well inside DESIGN.md's 0.1 % + 0.5 m.
/// </remarks>
internal static class LocalMetres
{
    private const double A = Ellipsoid.A;
    private const double E2 = Ellipsoid.E2;

    /// <summary>The smallest meridional radius (at the equator), a(1 − e²), in metres.</summary>
    public const double MinMeridionalRadius = A * (1 - E2);

    public static void PerDegree(double latitudeDegrees, out double northMetresPerDegree, out double eastMetresPerDegree)
    {
        var phi = latitudeDegrees * Ellipsoid.DegreesToRadians;
        var sin = Math.Sin(phi);
        var w2 = 1 - E2 * sin * sin;
        var w = Math.Sqrt(w2);
        northMetresPerDegree = A * (1 - E2) / (w2 * w) * Ellipsoid.DegreesToRadians;   // M
        eastMetresPerDegree = A / w * Math.Cos(phi) * Ellipsoid.DegreesToRadians;      // N cos φ
    }
}
