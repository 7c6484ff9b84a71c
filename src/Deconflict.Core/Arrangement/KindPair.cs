using System.Diagnostics.Contracts;
using Deconflict.Internal;

namespace Deconflict.Arrangement;

/// <summary>An unordered pair of feature kinds (<c>ground</c>, <c>air</c>, <c>static</c>, <c>zone</c>), the key of a separation or a proximity threshold.</summary>
/// <remarks>
/// <para>The pair is unordered: <c>Of("air", "ground")</c> equals <c>Of("ground", "air")</c>; the kinds are kept in
/// ordinal order, so <see cref="First"/> is never after <see cref="Second"/>. Equality is ordinal. The default value
/// is not a valid pair.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct KindPair : IEquatable<KindPair>
{
    /// <summary>The kinds a pair may name.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["ground", "air", "static", "zone"];

    private KindPair(string first, string second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The kind that sorts first (ordinal).</summary>
    public string First { get; }

    /// <summary>The kind that sorts second (ordinal); may equal <see cref="First"/>.</summary>
    public string Second { get; }

    /// <summary>Creates the unordered pair of two kinds.</summary>
    /// <exception cref="ArgumentException">A kind is not one of <see cref="Kinds"/>.</exception>
    [Pure]
    public static KindPair Of(string a, string b)
    {
        CheckKind(a);
        CheckKind(b);
        return string.CompareOrdinal(a, b) <= 0 ? new KindPair(a, b) : new KindPair(b, a);
    }

    /// <summary>Parses the <c>a|b</c> form written by <see cref="ToString"/>.</summary>
    /// <exception cref="ArgumentException">The text is not two known kinds joined by <c>|</c>.</exception>
    [Pure]
    public static KindPair Parse(string text)
    {
        Guard.NotEmpty(text);
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            throw new ArgumentException($"A kind pair should be written 'kind|kind'; got '{text}'", nameof(text));
        }

        return Of(text[..bar], text[(bar + 1)..]);
    }

    private static void CheckKind(string kind, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(kind))] string? paramName = null)
    {
        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"A kind should be one of ground, air, static, zone; got '{kind}'", paramName);
        }
    }

    /// <inheritdoc />
    public bool Equals(KindPair other) => string.Equals(First, other.First, StringComparison.Ordinal) && string.Equals(Second, other.Second, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KindPair other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(First, Second);

    /// <summary>Compares two pairs ordinally.</summary>
    public static bool operator ==(KindPair left, KindPair right) => left.Equals(right);

    /// <summary>Compares two pairs ordinally.</summary>
    public static bool operator !=(KindPair left, KindPair right) => !left.Equals(right);

    /// <summary>Returns <c>first|second</c>.</summary>
    public override string ToString() => First + "|" + Second;
}
