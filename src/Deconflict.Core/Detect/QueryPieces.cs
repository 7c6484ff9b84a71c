using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>A movement being checked: its pieces, each piece's box buffered by its half-width plus the largest
/// separation its kind needs, and each piece's tangent plane for the exact distance.</summary>
internal sealed class QueryPieces
{
    public QueryPieces(PieceSet pieces, double maxSeparationMetres)
    {
        Pieces = pieces;
        Count = pieces.PieceCount;
        Boxes = new QueryBox[Count];
        Planes = new LocalPlane[Count];
        ProjectedX = new double[Count][];
        ProjectedY = new double[Count][];
        for (var i = 0; i < Count; i++)
        {
            var (minLon, minLat, maxLon, maxLat) = ConflictIndex.Bounds(pieces, i, pieces.HalfWidthMetres + maxSeparationMetres);
            var box = new QueryBox(minLon, minLat, maxLon, maxLat,
                ConflictIndex.Seconds(pieces.StartTicks(i), floor: true), ConflictIndex.Seconds(pieces.EndTicks(i), floor: false));
            Boxes[i] = box;
            var lons = pieces.PieceLongitudes(i);
            var lats = pieces.PieceLatitudes(i);
            var plane = Planes[i] = new LocalPlane(lons[0], lats[0]);
            ProjectedX[i] = new double[lons.Length];
            ProjectedY[i] = new double[lons.Length];
            for (var v = 0; v < lons.Length; v++)
            {
                (ProjectedX[i][v], ProjectedY[i][v]) = plane.Project(lons[v], lats[v]);
            }
        }
    }

    public PieceSet Pieces { get; }

    public int Count { get; }

    public QueryBox[] Boxes { get; }

    public LocalPlane[] Planes { get; }

    /// <summary>Each piece's vertices projected onto its own plane, once per query.</summary>
    public double[][] ProjectedX { get; }

    public double[][] ProjectedY { get; }
}

/// <summary>A query piece's buffered box in degrees and its window in whole seconds since 2000.</summary>
internal readonly record struct QueryBox(double MinLon, double MinLat, double MaxLon, double MaxLat, int StartSeconds, int EndSeconds)
{
    public bool Overlaps(in QueryBox o) =>
        o.MaxLon >= MinLon && o.MinLon <= MaxLon && o.MaxLat >= MinLat && o.MinLat <= MaxLat && o.EndSeconds >= StartSeconds && o.StartSeconds <= EndSeconds;

    public QueryBox Union(in QueryBox o) => new(Math.Min(MinLon, o.MinLon), Math.Min(MinLat, o.MinLat), Math.Max(MaxLon, o.MaxLon),
        Math.Max(MaxLat, o.MaxLat), Math.Min(StartSeconds, o.StartSeconds), Math.Max(EndSeconds, o.EndSeconds));

    public bool Overlaps(in GridEntry e) =>
        e.MaxLon >= MinLon && e.MinLon <= MaxLon && e.MaxLat >= MinLat && e.MinLat <= MaxLat && e.EndSeconds >= StartSeconds && e.StartSeconds <= EndSeconds;
}
