namespace Deconflict.Ledger.Merkle;

/// <summary>Where <see cref="MerkleTree"/> reads the tiles it does not hold in memory (the storage driver).</summary>
internal interface ITileSource
{
    /// <summary>Reads a stored tile, or null when none is stored under <paramref name="key"/>.</summary>
    ValueTask<Tile?> ReadTileAsync(TileKey key, CancellationToken cancellationToken);
}
