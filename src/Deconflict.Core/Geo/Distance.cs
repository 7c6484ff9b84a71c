using System.Diagnostics.Contracts;
using System.Globalization;
using Deconflict.Internal;

namespace Deconflict.Geo;

/// <summary>A finite, non-negative length in metres: a corridor half-width, a separation, a threshold.</summary>
/// <remarks>
/// <para>Build one with <see cref="FromMetres"/>. Ordering is natural, so this type is comparable.
/// The default value is zero.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct Distance : IEquatable<Distance>, IComparable<Distance>
{
    private Distance(double metres) => Metres = metres;

    /// <summary>Zero metres.</summary>
    public static Distance Zero => default;

    /// <summary>The length in metres; finite and not negative.</summary>
    public double Metres { get; }

    /// <summary>Creates a distance from a number of metres.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metres"/> is negative, NaN or infinite.</exception>
    [Pure]
    public static Distance FromMetres(double metres) => new(Guard.FiniteNonNegative(metres));

    /// <summary>Adds two distances.</summary>
    public static Distance operator +(Distance left, Distance right) => new(left.Metres + right.Metres);

    /// <inheritdoc />
    public bool Equals(Distance other) => Metres.Equals(other.Metres);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Distance other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Metres.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Distance other) => Metres.CompareTo(other.Metres);

    /// <summary>Compares two distances.</summary>
    public static bool operator ==(Distance left, Distance right) => left.Equals(right);

    /// <summary>Compares two distances.</summary>
    public static bool operator !=(Distance left, Distance right) => !left.Equals(right);

    /// <summary>Compares two distances.</summary>
    public static bool operator <(Distance left, Distance right) => left.Metres < right.Metres;

    /// <summary>Compares two distances.</summary>
    public static bool operator >(Distance left, Distance right) => left.Metres > right.Metres;

    /// <summary>Compares two distances.</summary>
    public static bool operator <=(Distance left, Distance right) => left.Metres <= right.Metres;

    /// <summary>Compares two distances.</summary>
    public static bool operator >=(Distance left, Distance right) => left.Metres >= right.Metres;

    /// <summary>Returns the length with its unit, e.g. <c>120.5 m</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metres:0.###} m");
}
