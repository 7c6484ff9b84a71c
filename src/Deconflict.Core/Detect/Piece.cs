using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// One piece of a movement as the Volume4D model defines it: a stretch of a leg (or a static site, or a zone) and the
/// closed window, already widened by the tolerance, during which it is occupied. What another party is shown of a
/// movement it conflicts with (need-to-know).
/// </summary>
/// <remarks>Equality is reference equality of <see cref="Vertices"/>; compare fields when needed.</remarks>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly struct Piece
{
    internal Piece(int index, TimeWindow window, IReadOnlyList<Wgs84> vertices)
    {
        Index = index;
        Window = window;
        Vertices = vertices;
    }

    /// <summary>The piece's position in its movement, from 0.</summary>
    public int Index { get; }

    /// <summary>When the piece is occupied: <c>[pieceStart − tolerance, pieceEnd + tolerance]</c>.</summary>
    public TimeWindow Window { get; }

    /// <summary>The segment's two endpoints (equal for a static site), or a zone's closed ring.</summary>
    public IReadOnlyList<Wgs84> Vertices { get; }

    /// <summary>Returns <c>#index window</c>.</summary>
    public override string ToString() => $"#{Index} {Window}";
}
