using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Storage;

/// <summary>Reads the tree's tiles from an <see cref="ILedgerStorage"/>.</summary>
internal sealed class StorageTileSource(ILedgerStorage storage) : ITileSource
{
    public async ValueTask<Tile?> ReadTileAsync(TileKey key, CancellationToken cancellationToken)
    {
        var stored = await storage.ReadTileAsync(key.Level, key.Index, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Tile.FromBytes(stored.Level, stored.Index, stored.Count, stored.Nodes);
    }
}
