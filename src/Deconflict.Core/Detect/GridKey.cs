namespace Deconflict.Detect;

/// <summary>
/// The multi-resolution space-time grid of <see cref="ConflictIndex"/>: a piece is filed under the finest spatial level
/// and, independently, the finest temporal level at which its bounding box spans at most two cells per axis, so big
/// zones and long-lived sites do not flood fine cells and short pieces do not crowd coarse ones.
/// </summary>
/// <remarks>
/// Implementation note: a key packs space level (3 bits), time level (3 bits), column (16), row (15) and time bucket
/// (27, offset so instants before 2000 stay positive) into one long for a single dictionary lookup.
/// </remarks>
internal static class GridKey
{
    /// <summary>Cell sizes in degrees; the last level holds the whole globe in one or two cells.</summary>
    public static readonly double[] CellDegrees = [0.02, 0.16, 1.28, 10.24, 360];

    /// <summary>Bucket lengths in seconds; the last one holds any window up to 2^30 s.</summary>
    public static readonly double[] BucketSeconds = [600, 4_800, 38_400, 307_200, 1 << 30];

    public const int Levels = 5;
    private const long BucketOffset = 1L << 26;

    public static int Column(double longitude, int level) => (int)Math.Floor((longitude + 180) / CellDegrees[level]);

    public static int Row(double latitude, int level) => (int)Math.Floor((latitude + 90) / CellDegrees[level]);

    public static long Bucket(double seconds, int level) => (long)Math.Floor(seconds / BucketSeconds[level]) + BucketOffset;

    public static long Pack(int spaceLevel, int timeLevel, int column, int row, long bucket) =>
        ((long)spaceLevel << 61) | ((long)timeLevel << 58) | ((long)(column & 0xFFFF) << 42) | ((long)(row & 0x7FFF) << 27) | (bucket & 0x7FF_FFFF);

    /// <summary>The finest spatial level where [min, max] in both axes spans at most two cells.</summary>
    public static int SpaceLevel(double minLon, double minLat, double maxLon, double maxLat)
    {
        for (var level = 0; level < Levels - 1; level++)
        {
            if (Column(maxLon, level) - Column(minLon, level) <= 1 && Row(maxLat, level) - Row(minLat, level) <= 1)
            {
                return level;
            }
        }

        return Levels - 1;
    }

    /// <summary>The finest temporal level where [start, end] spans at most two buckets.</summary>
    public static int TimeLevel(double startSeconds, double endSeconds)
    {
        for (var level = 0; level < Levels - 1; level++)
        {
            if (Bucket(endSeconds, level) - Bucket(startSeconds, level) <= 1)
            {
                return level;
            }
        }

        return Levels - 1;
    }
}
