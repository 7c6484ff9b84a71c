using System.Diagnostics.Contracts;
using System.Globalization;
using Deconflict.Internal;

namespace Deconflict.Geo;

/// <summary>
/// A position on the WGS 84 ellipsoid, in degrees: longitude east of Greenwich, latitude north of the equator.
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="FromLonLat"/>; the argument order is RFC 7946's (longitude first), as in
/// GeoJSON. Latitude is in [-90, 90] and longitude in [-180, 180]; NaN and infinities are rejected.</para>
/// <para>Equality is component-wise and exact. The default value is (0, 0), off the coast of West Africa.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct Wgs84 : IEquatable<Wgs84>
{
    private Wgs84(double longitude, double latitude)
    {
        Longitude = longitude;
        Latitude = latitude;
    }

    /// <summary>Longitude in degrees, in [-180, 180].</summary>
    public double Longitude { get; }

    /// <summary>Latitude in degrees, in [-90, 90].</summary>
    public double Latitude { get; }

    /// <summary>Creates a position from longitude and latitude in degrees (GeoJSON order).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="longitude"/> is outside [-180, 180] or
    /// <paramref name="latitude"/> outside [-90, 90], or either is not a finite number.</exception>
    [Pure]
    public static Wgs84 FromLonLat(double longitude, double latitude) =>
        new(Guard.InRange(longitude, -180, 180), Guard.InRange(latitude, -90, 90));

    /// <summary>Creates a position without checks, for trusted hot paths whose inputs were already validated.</summary>
    internal static Wgs84 FromLonLatTrusted(double longitude, double latitude)
    {
        System.Diagnostics.Debug.Assert(longitude is >= -180 and <= 180 && latitude is >= -90 and <= 90);
        return new Wgs84(longitude, latitude);
    }

    /// <inheritdoc />
    public bool Equals(Wgs84 other) => Longitude.Equals(other.Longitude) && Latitude.Equals(other.Latitude);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Wgs84 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Longitude, Latitude);

    /// <summary>Compares two positions component-wise.</summary>
    public static bool operator ==(Wgs84 left, Wgs84 right) => left.Equals(right);

    /// <summary>Compares two positions component-wise.</summary>
    public static bool operator !=(Wgs84 left, Wgs84 right) => !left.Equals(right);

    /// <summary>Returns <c>[lon, lat]</c> with seven decimals (about a centimetre), the form GeoJSON uses.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Longitude:F7}, {Latitude:F7}]");
}
