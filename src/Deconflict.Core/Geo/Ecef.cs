namespace Deconflict.Geo;

/// <summary>
/// Earth-centred, earth-fixed Cartesian coordinates on the WGS 84 ellipsoid (metres): the form in which the engine
/// stores vertices, so that projecting one onto any <see cref="LocalPlane"/> costs two dot products instead of
/// trigonometry.
/// </summary>
/// <remarks>
/// Implementation note: geodetic → ECEF is exact for height 0: x = N cos φ cos λ, y = N cos φ sin λ, z = N (1 − e²) sin φ.
/// ECEF → geodetic uses Bowring's formula (one step), which for points within a few hundred metres of the surface is
/// accurate to better than 10⁻¹⁰ degrees; it is only used for a conflict's informative point.
/// </remarks>
/// <threadsafety>All members are pure functions and are safe to call from any thread.</threadsafety>
internal static class Ecef
{
    /// <summary>The ECEF position in metres of the surface point at <paramref name="longitude"/>, <paramref name="latitude"/> (degrees).</summary>
    public static (double X, double Y, double Z) FromDegrees(double longitude, double latitude)
    {
        var (sinLat, cosLat) = Math.SinCos(latitude * Ellipsoid.DegreesToRadians);
        var (sinLon, cosLon) = Math.SinCos(longitude * Ellipsoid.DegreesToRadians);
        var n = Ellipsoid.A / Math.Sqrt(1 - (Ellipsoid.E2 * sinLat * sinLat));
        return (n * cosLat * cosLon, n * cosLat * sinLon, n * (1 - Ellipsoid.E2) * sinLat);
    }

    /// <summary>The longitude and latitude in degrees of an ECEF position on the ellipsoid's surface (exact there:
    /// tan φ = z / ((1 − e²) p)); cheaper than <see cref="ToDegrees"/>, which also serves positions off the surface.</summary>
    public static (double Longitude, double Latitude) SurfaceToDegrees(double x, double y, double z)
    {
        var p = Math.Sqrt((x * x) + (y * y));
        return (Math.Atan2(y, x) / Ellipsoid.DegreesToRadians, Math.Atan2(z, (1 - Ellipsoid.E2) * p) / Ellipsoid.DegreesToRadians);
    }

    /// <summary>The longitude and latitude in degrees of the ECEF position (its height is dropped).</summary>
    public static (double Longitude, double Latitude) ToDegrees(double x, double y, double z)
    {
        const double secondE2 = Ellipsoid.E2 / (1 - Ellipsoid.E2);
        var p = Math.Sqrt((x * x) + (y * y));
        var (sinTheta, cosTheta) = Math.SinCos(Math.Atan2(z * Ellipsoid.A, p * Ellipsoid.B));
        var latitude = Math.Atan2(z + (secondE2 * Ellipsoid.B * sinTheta * sinTheta * sinTheta),
            p - (Ellipsoid.E2 * Ellipsoid.A * cosTheta * cosTheta * cosTheta));
        var longitude = Math.Atan2(y, x);
        return (Math.Clamp(longitude / Ellipsoid.DegreesToRadians, -180, 180), Math.Clamp(latitude / Ellipsoid.DegreesToRadians, -90, 90));
    }
}
