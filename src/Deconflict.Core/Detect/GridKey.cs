namespace Deconflict.Detect;

/// <summary>
/// The multi-resolution loose space-time grid of <see cref="ConflictIndex"/>. A piece is filed once, in the cell holding
/// the low corner of its bounding box, at the finest spatial level whose cell side is at least the box's extent in
/// longitude and latitude, and, independently, the finest temporal level whose bucket is at least its window. A cell
/// therefore holds boxes reaching at most one cell side beyond it, so a query visits its own cells plus one more on the
/// low side of each axis, and each piece is met once.
/// </summary>
/// <remarks>
/// Implementation note: a key packs space level (3 bits), time level (3 bits), column (16), row (15) and time bucket
/// (27, offset so that instants before 2000 stay positive) into one long for a single dictionary lookup.
/// </remarks>
internal static class GridKey
{
    /// <summary>Cell sides in degrees (about 5.5, 11, 22, 44, 89, 355 and 2,800 km, then the globe): doubling up to 0.8° so
    /// that a piece a little wider than a cell is not scanned from a cell eight times its size.</summary>
    public static readonly double[] CellDegrees = [0.05, 0.1, 0.2, 0.4, 0.8, 3.2, 25.6, 360];

    /// <summary>Bucket lengths in seconds (15 min doubling to 8 h, then a day, then 34 years).</summary>
    public static readonly double[] BucketSeconds = [900, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400, 1 << 30];

    public const int Levels = 8;
    public const long BucketOffset = 1L << 26;

    public static int Column(double longitude, int level) => (int)Math.Floor((longitude + 180) / CellDegrees[level]);

    public static int Row(double latitude, int level) => (int)Math.Floor((latitude + 90) / CellDegrees[level]);

    public static long Bucket(double seconds, int level) => (long)Math.Floor(seconds / BucketSeconds[level]) + BucketOffset;

    public static long Pack(int spaceLevel, int timeLevel, int column, int row, long bucket) =>
        ((long)spaceLevel << 61) | ((long)timeLevel << 58) | ((long)(column & 0xFFFF) << 42) | ((long)(row & 0x7FFF) << 27) | (bucket & 0x7FF_FFFF);

    /// <summary>The cell an entry is filed in (its box's low corner at its levels) and the index of its pair of levels.</summary>
    public static (long Key, int LevelPair) Of(in GridEntry entry)
    {
        var spaceLevel = SpaceLevel(entry.MinLon, entry.MinLat, entry.MaxLon, entry.MaxLat);
        var timeLevel = TimeLevel(entry.StartSeconds, entry.EndSeconds);
        return (Pack(spaceLevel, timeLevel, Column(entry.MinLon, spaceLevel), Row(entry.MinLat, spaceLevel), Bucket(entry.StartSeconds, timeLevel)),
            (spaceLevel * Levels) + timeLevel);
    }

    /// <summary>The finest spatial level whose cell side covers the box's extent on both axes.</summary>
    public static int SpaceLevel(double minLon, double minLat, double maxLon, double maxLat)
    {
        var extent = Math.Max(maxLon - minLon, maxLat - minLat);
        var level = 0;
        while (level < Levels - 1 && extent > CellDegrees[level])
        {
            level++;
        }

        return level;
    }

    /// <summary>The finest temporal level whose bucket covers the window.</summary>
    public static int TimeLevel(double startSeconds, double endSeconds)
    {
        var extent = endSeconds - startSeconds;
        var level = 0;
        while (level < Levels - 1 && extent > BucketSeconds[level])
        {
            level++;
        }

        return level;
    }
}
