using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// A conflict between movement <see cref="A"/> (the one checked) and movement <see cref="B"/> (one already declared),
/// with the fields of DESIGN.md ("Conflict (the Volume4D model)").
/// </summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class Conflict
{
    private readonly Disclosure _disclosure;

    internal Conflict(string a, string b, DateTimeOffset start, DateTimeOffset end, double minSeparationMetres, Wgs84 point,
        Disclosure disclosure)
    {
        A = a;
        B = b;
        Start = start;
        End = end;
        MinSeparationMetres = minSeparationMetres;
        Point = point;
        _disclosure = disclosure;
    }

    /// <summary>The id of the movement checked (the new one).</summary>
    public string A { get; }

    /// <summary>The id of the movement it conflicts with (an existing one).</summary>
    public string B { get; }

    /// <summary>The earliest start of the intersections of the two windows over all conflicting piece pairs (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The latest end of those intersections (UTC); not before <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The minimum over conflicting piece pairs of distance − halfWidthA − halfWidthB, in metres; negative when
    /// the corridors overlap.</summary>
    public double MinSeparationMetres { get; }

    /// <summary>The point midway between the closest points of the closest pair; a point of the overlap when they touch.</summary>
    public Wgs84 Point { get; }

    /// <summary>The pieces of <see cref="A"/> in some conflicting pair, by index (built on first access).</summary>
    public IReadOnlyList<Piece> PiecesOfA => _disclosure.OfA;

    /// <summary>The pieces of <see cref="B"/> in some conflicting pair, by index: all of B that A's party needs to know
    /// (built on first access).</summary>
    public IReadOnlyList<Piece> PiecesOfB => _disclosure.OfB;

    /// <summary>Returns <c>A × B [start, end] minSeparation</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{A} x {B} {TimeWindow.FromStartEnd(Start, End)} {MinSeparationMetres:0.###} m at {Point}");
}
