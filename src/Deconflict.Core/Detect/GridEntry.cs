namespace Deconflict.Detect;

/// <summary>One piece filed in one grid cell: its bounding box (degrees, rounded outwards to floats, buffered by the
/// movement's half-width) and window (whole seconds since 2000, rounded outwards), for rejection without touching the
/// movement. 32 bytes.</summary>
internal struct GridEntry
{
    private static readonly long Epoch2000Ticks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public int Slot;
    public int Piece;
    public float MinLon;
    public float MinLat;
    public float MaxLon;
    public float MaxLat;
    public int StartSeconds;
    public int EndSeconds;

    /// <summary>The entry of piece i of <paramref name="cut"/> (its slot is filled in when it is stored).</summary>
    public static GridEntry Of(PieceCut cut, int piece)
    {
        var (minLon, minLat, maxLon, maxLat) = cut.Bounds(piece, cut.Movement.HalfWidth.Metres);
        return new GridEntry
        {
            Piece = piece,
            MinLon = RoundDown(minLon),
            MinLat = RoundDown(minLat),
            MaxLon = RoundUp(maxLon),
            MaxLat = RoundUp(maxLat),
            StartSeconds = Seconds(cut.StartTicks(piece), floor: true),
            EndSeconds = Seconds(cut.EndTicks(piece), floor: false),
        };
    }

    /// <summary>Whole seconds since 2000, rounded down or up, clamped to the range of int.</summary>
    public static int Seconds(long ticks, bool floor)
    {
        var seconds = (double)(ticks - Epoch2000Ticks) / TimeSpan.TicksPerSecond;
        seconds = floor ? Math.Floor(seconds) : Math.Ceiling(seconds);
        return (int)Math.Clamp(seconds, int.MinValue, int.MaxValue);
    }

    private static float RoundDown(double value)
    {
        var f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    private static float RoundUp(double value)
    {
        var f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }
}
