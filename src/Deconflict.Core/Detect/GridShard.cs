using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Deconflict.Detect;

/// <summary>
/// One of the grid's independent parts: the cells whose keys it owns (<see cref="Of"/>), their entry blocks and how
/// many entries each pair of levels holds. Shards share nothing, so <see cref="ConflictIndex.InsertRange"/> files
/// entries into all of them at once, one thread per shard.
/// </summary>
/// <threadsafety>Not thread-safe: one thread per shard at a time.</threadsafety>
internal sealed class GridShard
{
    /// <summary>How many shards the grid has (a power of two).</summary>
    public const int Count = 2;

    private readonly int[] _entriesPerLevelPair = new int[GridKey.Levels * GridKey.Levels];

    public Dictionary<long, GridCell> Cells { get; } = [];

    public EntryBlocks Blocks { get; } = new();

    /// <summary>Which shard owns a cell key: a mix of its column, row and bucket bits, so neighbouring cells alternate.</summary>
    public static int Of(long key) => (int)((key ^ (key >> 27) ^ (key >> 42)) & (Count - 1));

    /// <summary>Whether this shard holds entries at this pair of levels.</summary>
    public bool Holds(int spaceLevel, int timeLevel) => _entriesPerLevelPair[(spaceLevel * GridKey.Levels) + timeLevel] != 0;

    /// <summary>Adds or removes an entry whose cell key (<see cref="GridKey.Of"/>) this shard owns.</summary>
    public void File(long key, int levelPair, in GridEntry entry, bool add)
    {
        _entriesPerLevelPair[levelPair] += add ? 1 : -1;
        if (add)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Cells, key, out _).Add(Blocks, entry);
            return;
        }

        ref var cell = ref CollectionsMarshal.GetValueRefOrNullRef(Cells, key);
        if (!Unsafe.IsNullRef(ref cell))
        {
            cell.Remove(Blocks, entry.Slot, entry.Piece);
            if (cell.Count == 0)
            {
                Cells.Remove(key);
            }
        }
    }
}
