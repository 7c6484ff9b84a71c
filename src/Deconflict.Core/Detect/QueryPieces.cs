using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>A movement being checked, in buffers reused from one query to the next: its pieces, each piece's box
/// buffered by its half-width plus the largest separation its kind needs, each piece's tangent plane, the piece's own
/// vertices projected onto it, and every vertex in ECEF.</summary>
/// <threadsafety>Not thread-safe.</threadsafety>
internal sealed class QueryPieces
{
    private QueryBox[] _boxes = new QueryBox[64];
    private LocalPlane[] _planes = new LocalPlane[64];
    private double[] _x = new double[128];
    private double[] _y = new double[128];
    private Vertex[] _vertices = new Vertex[64];

    public PieceCut Cut { get; } = new();

    public int Count { get; private set; }

    public ReadOnlySpan<QueryBox> Boxes => _boxes.AsSpan(0, Count);

    public ReadOnlySpan<Vertex> Vertices => _vertices.AsSpan(0, Cut.VertexCount);

    public ref readonly LocalPlane Plane(int piece) => ref _planes[piece];

    /// <summary>Piece i's vertices projected onto its own plane (east, north in metres).</summary>
    public ReadOnlySpan<double> ProjectedX(int piece) => _x.AsSpan(piece * 2, Cut.PieceVertices);

    /// <summary>Piece i's vertices projected onto its own plane (east, north in metres).</summary>
    public ReadOnlySpan<double> ProjectedY(int piece) => _y.AsSpan(piece * 2, Cut.PieceVertices);

    public void Fill(Declare.Movement movement, long segmentTicks, double maxSeparationMetres)
    {
        var cut = Cut.Fill(movement, segmentTicks);
        Count = cut.PieceCount;
        if (_boxes.Length < Count)
        {
            (_boxes, _planes) = (new QueryBox[2 * Count], new LocalPlane[2 * Count]);
        }

        if (_vertices.Length < cut.VertexCount)
        {
            _vertices = new Vertex[2 * cut.VertexCount];
        }

        var projected = Math.Max(2 * Count, cut.VertexCount);
        if (_x.Length < projected)
        {
            (_x, _y) = (new double[2 * projected], new double[2 * projected]);
        }

        cut.WriteVertices(_vertices);
        for (var i = 0; i < Count; i++)
        {
            var (minLon, minLat, maxLon, maxLat) = cut.Bounds(i, movement.HalfWidth.Metres + maxSeparationMetres);
            _boxes[i] = new QueryBox(minLon, minLat, maxLon, maxLat,
                GridEntry.Seconds(cut.StartTicks(i), floor: true), GridEntry.Seconds(cut.EndTicks(i), floor: false));
            var first = cut.FirstVertex(i);
            var plane = _planes[i] = new LocalPlane(cut.Longitudes[first], cut.Latitudes[first]);
            for (var v = 0; v < cut.PieceVertices; v++)
            {
                ref readonly var vertex = ref _vertices[first + v];
                (_x[(2 * i) + v], _y[(2 * i) + v]) = plane.Project(vertex.X, vertex.Y, vertex.Z);
            }
        }
    }
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
