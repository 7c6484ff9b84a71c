using Deconflict.Declare;

namespace Deconflict.Detect;

/// <summary>What a candidate check needs of a stored movement, in one place (one cache line) instead of behind the
/// <see cref="Movement"/> object: where its vertices are, its kind, party, half-width, tolerance and altitude band (and a zone's discs).</summary>
internal struct StoredMovement
{
    public int Page;
    public int Offset;
    public int VertexCount;
    public int Party;
    public MovementKind Kind;

    /// <summary>For a zone, the index of its <see cref="ZoneDisk"/> in the index's table.</summary>
    public int Disk;
    public long ToleranceTicks;
    public double HalfWidthMetres;
    public double AltitudeLow;
    public double AltitudeHigh;

    /// <summary>Whether the movement is a zone (one piece: its whole ring).</summary>
    public readonly bool IsZone => Kind == MovementKind.Zone;

    /// <summary>The index of piece i's first vertex in the page.</summary>
    public readonly int FirstVertex(int piece) => Offset + (IsZone ? 0 : piece);

    /// <summary>How many vertices piece i has: two for a route or site, the ring for a zone.</summary>
    public readonly int PieceVertices => IsZone ? VertexCount : 2;
}
