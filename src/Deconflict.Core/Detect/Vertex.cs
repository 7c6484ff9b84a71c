namespace Deconflict.Detect;

/// <summary>One stored piece vertex: its ECEF position in metres (see <c>Geo.Ecef</c>) and the instant the movement is
/// there (UTC ticks; for a static site or zone, vertex 0 holds the validity's start and vertex 1 its end). 32 bytes, so
/// a route piece's two vertices usually share one cache line.</summary>
internal struct Vertex
{
    public double X;
    public double Y;
    public double Z;
    public long Ticks;
}
