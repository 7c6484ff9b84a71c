using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Deconflict.Internal;

/// <summary>
/// Checks at the public door of Core types. Trusted internal paths use <see cref="System.Diagnostics.Debug.Assert(bool)"/>
/// instead, so hot loops pay nothing in release builds.
/// </summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="value"/> is finite and within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= min && value <= max))
        {
            ThrowOutOfRange(paramName, value, min, max);
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative.</summary>
    public static double FiniteNonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            ThrowOutOfRange(paramName, value, 0, double.PositiveInfinity);
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is a non-empty string.</summary>
    public static string NotEmpty(string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            ThrowEmpty(paramName);
        }

        return value;
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(string? paramName, double value, double min, double max) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"Value should be in range [{min}-{max}]");

    [DoesNotReturn]
    private static void ThrowEmpty(string? paramName) =>
        throw new ArgumentException("Value should be a non-empty string", paramName);
}
