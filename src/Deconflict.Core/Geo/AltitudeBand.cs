using System.Diagnostics.Contracts;
using System.Globalization;

namespace Deconflict.Geo;

/// <summary>A closed band of altitudes in metres, <c>[Low, High]</c>; <c>[0, 0]</c> is the ground.</summary>
/// <remarks>
/// <para>Both ends are inside, so two bands that touch overlap. <see cref="Low"/> is never above
/// <see cref="High"/>; both are finite (negative values are allowed, for ground below the reference surface).
/// Equality is component-wise; ordering is not defined. The default value is the ground band <c>[0, 0]</c>.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct AltitudeBand : IEquatable<AltitudeBand>
{
    private AltitudeBand(double low, double high)
    {
        Low = low;
        High = high;
    }

    /// <summary>The ground, <c>[0, 0]</c>: the default band of every feature.</summary>
    public static AltitudeBand Ground => default;

    /// <summary>The lowest altitude in the band, in metres.</summary>
    public double Low { get; }

    /// <summary>The highest altitude in the band, in metres; never below <see cref="Low"/>.</summary>
    public double High { get; }

    /// <summary>Creates the band <c>[low, high]</c> in metres.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either bound is not finite, or <paramref name="high"/> is below <paramref name="low"/>.</exception>
    [Pure]
    public static AltitudeBand FromMetres(double low, double high)
    {
        if (!double.IsFinite(low))
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, "An altitude should be a finite number of metres");
        }

        if (!double.IsFinite(high) || high < low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"Value should be in range [{low}-{double.MaxValue}]");
        }

        return new AltitudeBand(low, high);
    }

    /// <summary>Whether the two closed bands share at least one altitude.</summary>
    [Pure]
    public bool Overlaps(AltitudeBand other) => Low <= other.High && other.Low <= High;

    /// <inheritdoc />
    public bool Equals(AltitudeBand other) => Low.Equals(other.Low) && High.Equals(other.High);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AltitudeBand other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Low, High);

    /// <summary>Compares two bands component-wise.</summary>
    public static bool operator ==(AltitudeBand left, AltitudeBand right) => left.Equals(right);

    /// <summary>Compares two bands component-wise.</summary>
    public static bool operator !=(AltitudeBand left, AltitudeBand right) => !left.Equals(right);

    /// <summary>Returns <c>[low, high] m</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Low:0.###}, {High:0.###}] m");
}
