namespace Deconflict.Detect;

/// <summary>One piece filed in one grid cell: its bounding box (degrees, rounded outwards to floats, buffered by the
/// movement's half-width) and window (whole seconds since 2000, rounded outwards), for rejection without touching the
/// movement. 32 bytes.</summary>
internal struct GridEntry
{
    public int Slot;
    public int Piece;
    public float MinLon;
    public float MinLat;
    public float MaxLon;
    public float MaxLat;
    public int StartSeconds;
    public int EndSeconds;
}
