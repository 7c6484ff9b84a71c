using System.Collections.Concurrent;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Tests.Merkle;

/// <summary>Tiles kept in a dictionary, standing in for storage where the test is about the tree itself.</summary>
internal sealed class MemoryTileSource : ITileSource
{
    private readonly ConcurrentDictionary<TileKey, byte[]> _tiles = new();
    private readonly ConcurrentDictionary<TileKey, int> _counts = new();

    public int Reads { get; private set; }

    /// <summary>Appends the leaf hashes as one committed batch: stores its tiles (round-tripped through bytes), then publishes.</summary>
    public void Append(MerkleTree tree, IEnumerable<byte[]> leafHashes)
    {
        var appender = tree.BeginAppend();
        foreach (byte[] hash in leafHashes)
        {
            appender.Append(hash);
        }

        foreach (var tile in appender.ChangedTiles)
        {
            _tiles[tile.Key] = tile.ToBytes();
            _counts[tile.Key] = tile.Count;
        }

        tree.Publish(appender);
    }

    public ValueTask<Tile?> ReadTileAsync(TileKey key, CancellationToken cancellationToken)
    {
        Reads++;
        return ValueTask.FromResult(_tiles.TryGetValue(key, out byte[]? bytes) ? Tile.FromBytes(key.Level, key.Index, _counts[key], bytes) : null);
    }
}
