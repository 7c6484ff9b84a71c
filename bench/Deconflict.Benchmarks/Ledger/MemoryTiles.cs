using Deconflict.Ledger.Merkle;

namespace Deconflict.Benchmarks.Ledger;

/// <summary>Serialized tiles in a dictionary: the tree's storage with the I/O taken out, for the 10M-entry proof benchmark.</summary>
internal sealed class MemoryTiles : ITileSource
{
    private readonly Dictionary<TileKey, (int Count, byte[] Bytes)> _tiles = [];

    public void Append(MerkleTree tree, ReadOnlySpan<byte[]> leafHashes)
    {
        var appender = tree.BeginAppend();
        foreach (byte[] hash in leafHashes)
        {
            appender.Append(hash);
        }

        foreach (var tile in appender.ChangedTiles)
        {
            _tiles[tile.Key] = (tile.Count, tile.ToBytes());
        }

        tree.Publish(appender);
    }

    public ValueTask<Tile?> ReadTileAsync(TileKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tiles.TryGetValue(key, out var t) ? Tile.FromBytes(key.Level, key.Index, t.Count, t.Bytes) : null);
}
