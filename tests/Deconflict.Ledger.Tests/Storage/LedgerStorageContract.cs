using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage;

namespace Deconflict.Ledger.Tests.Storage;

/// <summary>The <see cref="ILedgerStorage"/> contract, run against every driver by a subclass.</summary>
public abstract class LedgerStorageContract
{
    /// <summary>Opens the storage under test; <paramref name="name"/> is the same for a reopen of the same store.</summary>
    protected abstract Task<ILedgerStorage> OpenAsync(string name);

    [Fact]
    public async Task ReadSizeAsync_NewStore_IsZero()
    {
        await using var storage = await OpenAsync(nameof(ReadSizeAsync_NewStore_IsZero));

        Assert.Equal(0, await storage.ReadSizeAsync(default));
        Assert.Null(await storage.ReadLeafAsync(0, default));
        Assert.Null(await storage.ReadLatestCheckpointAsync(default));
        Assert.Empty(await storage.ReadLastSeqsAsync(default));
    }

    [Fact]
    public async Task AppendAsync_TwoBatches_LeavesReadBackInOrder()
    {
        await using var storage = await OpenAsync(nameof(AppendAsync_TwoBatches_LeavesReadBackInOrder));
        var leaves = Leaves(0, 5);
        await storage.AppendAsync(new LeafBatch(0, leaves[..3], []), default);
        await storage.AppendAsync(new LeafBatch(3, leaves[3..], []), default);

        Assert.Equal(5, await storage.ReadSizeAsync(default));
        var read = await storage.ReadLeavesAsync(1, 10, default);
        Assert.Equal([1, 2, 3, 4], read.Select(l => l.Index));
        Assert.Equal(leaves[4].Data, read[^1].Data);
        Assert.Equal(leaves[4].Hash, read[^1].Hash);
        Assert.Equal(("a", 4L), (read[^1].Party, read[^1].Seq));
        Assert.Equal(leaves[2].Data, (await storage.ReadLeafAsync(2, default))!.Data);
        Assert.Null(await storage.ReadLeafAsync(5, default));
    }

    [Fact]
    public async Task AppendAsync_NotAtStoredSize_ThrowsAndStoresNothing()
    {
        await using var storage = await OpenAsync(nameof(AppendAsync_NotAtStoredSize_ThrowsAndStoresNothing));
        await storage.AppendAsync(new LeafBatch(0, Leaves(0, 2), []), default);

        var e = await Assert.ThrowsAsync<LedgerException>(() => storage.AppendAsync(new LeafBatch(1, Leaves(1, 2), []), default));

        Assert.Equal(LedgerErrorCodes.StorageCorrupt, e.Code);
        Assert.Equal(2, await storage.ReadSizeAsync(default));
    }

    [Fact]
    public async Task AppendAsync_DuplicateLeafHash_RollsBackTheWholeBatch()
    {
        await using var storage = await OpenAsync(nameof(AppendAsync_DuplicateLeafHash_RollsBackTheWholeBatch));
        var first = Leaves(0, 2);
        await storage.AppendAsync(new LeafBatch(0, first, []), default);
        var again = first[1] with { Index = 3 };
        var tile = new StoredTile(0, 0, 4, new byte[(4 + 2 + 1) * MerkleHash.Size]);

        await Assert.ThrowsAsync<LedgerException>(() => storage.AppendAsync(new LeafBatch(2, [Leaves(2, 1)[0], again], [tile]), default));

        Assert.Equal(2, await storage.ReadSizeAsync(default));
        Assert.Null(await storage.ReadTileAsync(0, 0, default));
        Assert.Equal(1, (await storage.ReadLastSeqsAsync(default))["b"]);
    }

    [Fact]
    public async Task FindLeafAsync_ByHash_FindsIndexOrNull()
    {
        await using var storage = await OpenAsync(nameof(FindLeafAsync_ByHash_FindsIndexOrNull));
        var leaves = Leaves(0, 3);
        await storage.AppendAsync(new LeafBatch(0, leaves, []), default);

        Assert.Equal(2, await storage.FindLeafAsync(leaves[2].Hash, default));
        Assert.Null(await storage.FindLeafAsync(new byte[MerkleHash.Size], default));
    }

    [Fact]
    public async Task ReadLastSeqsAsync_AcrossBatches_HoldsHighestPerParty()
    {
        await using var storage = await OpenAsync(nameof(ReadLastSeqsAsync_AcrossBatches_HoldsHighestPerParty));
        await storage.AppendAsync(new LeafBatch(0, Leaves(0, 4), []), default);
        await storage.AppendAsync(new LeafBatch(4, Leaves(4, 3), []), default);

        var seqs = await storage.ReadLastSeqsAsync(default);

        Assert.Equal(6, seqs["a"]);
        Assert.Equal(5, seqs["b"]);
    }

    [Fact]
    public async Task ReadTileAsync_UpsertedTile_ReturnsLatestBytes()
    {
        await using var storage = await OpenAsync(nameof(ReadTileAsync_UpsertedTile_ReturnsLatestBytes));
        var tile = new Tile(1, 7);
        var root = new byte[MerkleHash.Size];
        tile.Append(MerkleHash.LeafHash([1]), root);
        await storage.AppendAsync(new LeafBatch(0, Leaves(0, 1), [Stored(tile)]), default);
        tile.Append(MerkleHash.LeafHash([2]), root);
        await storage.AppendAsync(new LeafBatch(1, Leaves(1, 1), [Stored(tile)]), default);

        var read = await storage.ReadTileAsync(1, 7, default);

        Assert.NotNull(read);
        Assert.Equal(2, read.Count);
        Assert.Equal(tile.ToBytes(), read.Nodes);
        Assert.Null(await storage.ReadTileAsync(0, 7, default));
    }

    [Fact]
    public async Task Checkpoints_StoredAndCosigned_ReadBackLatestAndBySize()
    {
        await using var storage = await OpenAsync(nameof(Checkpoints_StoredAndCosigned_ReadBackLatestAndBySize));
        await storage.StoreCheckpointAsync(3, "three"u8.ToArray(), default);
        await storage.StoreCheckpointAsync(10, "ten"u8.ToArray(), default);
        await storage.StoreCosignatureAsync(3, "zed", "z1"u8.ToArray(), default);
        await storage.StoreCosignatureAsync(3, "amy", "a1"u8.ToArray(), default);
        await storage.StoreCosignatureAsync(3, "zed", "z2"u8.ToArray(), default);

        Assert.Equal("ten"u8.ToArray(), (await storage.ReadLatestCheckpointAsync(default))!.Note);
        Assert.Equal("three"u8.ToArray(), (await storage.ReadCheckpointAsync(3, default))!.Note);
        Assert.Null(await storage.ReadCheckpointAsync(4, default));
        var cosignatures = await storage.ReadCosignaturesAsync(3, default);
        Assert.Equal(["amy", "zed"], cosignatures.Select(c => c.Signer));
        Assert.Equal("z2"u8.ToArray(), cosignatures[1].SignatureLine);
        Assert.Empty(await storage.ReadCosignaturesAsync(10, default));
    }

    [Fact]
    public async Task ReadCheckpointSizesAsync_Range_LargestFirstWithinBoundsAndLimit()
    {
        await using var storage = await OpenAsync(nameof(ReadCheckpointSizesAsync_Range_LargestFirstWithinBoundsAndLimit));
        foreach (var size in new long[] { 3, 10, 7, 12, 5 })
        {
            await storage.StoreCheckpointAsync(size, "note"u8.ToArray(), default);
        }

        Assert.Equal([12L, 10, 7, 5, 3], await storage.ReadCheckpointSizesAsync(0, long.MaxValue, 10, default));
        Assert.Equal([10L, 7], await storage.ReadCheckpointSizesAsync(5, 12, 2, default));
        Assert.Equal([5L], await storage.ReadCheckpointSizesAsync(5, 7, 10, default));
        Assert.Empty(await storage.ReadCheckpointSizesAsync(13, long.MaxValue, 10, default));
    }

    [Fact]
    public async Task OpenAsync_Reopened_KeepsEverything()
    {
        string name = nameof(OpenAsync_Reopened_KeepsEverything);
        var leaves = Leaves(0, 3);
        await using (var storage = await OpenAsync(name))
        {
            await storage.AppendAsync(new LeafBatch(0, leaves, []), default);
            await storage.StoreCheckpointAsync(3, "cp"u8.ToArray(), default);
        }

        await using var reopened = await OpenAsync(name);

        Assert.Equal(3, await reopened.ReadSizeAsync(default));
        Assert.Equal(leaves[1].Data, (await reopened.ReadLeafAsync(1, default))!.Data);
        Assert.Equal(3, (await reopened.ReadLatestCheckpointAsync(default))!.Size);
    }

    [Fact]
    public async Task ReadLeavesAsync_ConcurrentWithAppends_SeesOnlyWholeBatches()
    {
        await using var storage = await OpenAsync(nameof(ReadLeavesAsync_ConcurrentWithAppends_SeesOnlyWholeBatches));
        var all = Leaves(0, 400);
        var writer = Task.Run(async () =>
        {
            for (int start = 0; start < all.Length; start += 40)
            {
                await storage.AppendAsync(new LeafBatch(start, all[start..(start + 40)], []), default);
            }
        });

        while (!writer.IsCompleted)
        {
            var read = await storage.ReadLeavesAsync(0, 1000, default);
            Assert.Equal(0, read.Count % 40);
        }

        await writer;
        Assert.Equal(400, (await storage.ReadLeavesAsync(0, 1000, default)).Count);
    }

    internal static StoredLeaf[] Leaves(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i =>
        {
            byte[] data = System.Text.Encoding.UTF8.GetBytes($"{{\"leaf\":{i}}}");
            return new StoredLeaf(i, i % 2 == 0 ? "a" : "b", i, MerkleHash.LeafHash(data), data);
        })];

    private static StoredTile Stored(Tile tile) => new(tile.Level, tile.Index, tile.Count, tile.ToBytes());
}
