namespace Deconflict.Geo;

/// <summary>The WGS 84 ellipsoid's defining constants (NIMA TR8350.2, table 3.1) and the radii derived from them.</summary>
internal static class Ellipsoid
{
    /// <summary>Semi-major axis a, in metres.</summary>
    public const double A = 6378137.0;

    /// <summary>Flattening f.</summary>
    public const double F = 1 / 298.257223563;

    /// <summary>Semi-minor axis b = a(1 − f), in metres.</summary>
    public const double B = A * (1 - F);

    /// <summary>First eccentricity squared, e² = f(2 − f).</summary>
    public const double E2 = F * (2 - F);

    /// <summary>The shortest length of one degree of latitude (at the equator), in metres; used to turn metres into
    /// degrees conservatively (a bound that is never too small).</summary>
    public const double MinMetresPerDegreeLatitude = 110_574.0;

    /// <summary>The longest length of one degree of longitude at latitude 0 (the equator), in metres.</summary>
    public const double MetresPerDegreeLongitudeAtEquator = 111_319.5;

    public const double DegreesToRadians = Math.PI / 180;
}
