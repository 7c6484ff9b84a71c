using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>What one query has found so far against one stored movement: the aggregate fields of a conflict.</summary>
internal sealed class Accumulator
{
    private readonly List<int> _piecesOfA = [];
    private readonly List<int> _piecesOfB = [];
    private long _start = long.MaxValue;
    private long _end = long.MinValue;
    private double _minSeparation = double.PositiveInfinity;
    private double _longitude;
    private double _latitude;

    public void Add(int pieceOfA, int pieceOfB, long startTicks, long endTicks, double separationMetres, double longitude, double latitude)
    {
        _piecesOfA.Add(pieceOfA);
        _piecesOfB.Add(pieceOfB);
        _start = Math.Min(_start, startTicks);
        _end = Math.Max(_end, endTicks);
        if (separationMetres < _minSeparation)
        {
            (_minSeparation, _longitude, _latitude) = (separationMetres, longitude, latitude);
        }
    }

    public Conflict ToConflict(PieceSet a, PieceSet b) =>
        new(a.Movement.Id, b.Movement.Id, new DateTimeOffset(_start, TimeSpan.Zero), new DateTimeOffset(_end, TimeSpan.Zero), _minSeparation,
            Wgs84.FromLonLatTrusted(_longitude, _latitude), Disclose(a, _piecesOfA), Disclose(b, _piecesOfB));

    private static Piece[] Disclose(PieceSet pieces, List<int> indices)
    {
        indices.Sort();
        return indices.Distinct().Select(pieces.ToPiece).ToArray();
    }
}
