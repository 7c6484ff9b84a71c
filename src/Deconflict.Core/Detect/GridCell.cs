namespace Deconflict.Detect;

/// <summary>The entries of one grid cell: a chain of <see cref="EntryBlocks"/> blocks, the newest (head) block partly
/// filled and the others full. A value type, so the grid's dictionary holds no objects per cell.</summary>
internal struct GridCell
{
    /// <summary>The newest block; meaningless while <see cref="Count"/> is 0.</summary>
    public int Head;

    /// <summary>How many entries the cell holds.</summary>
    public int Count;

    /// <summary>How many entries the head block holds.</summary>
    public readonly int InHead => ((Count - 1) % EntryBlocks.BlockSize) + 1;

    public void Add(EntryBlocks blocks, in GridEntry entry)
    {
        if (Count % EntryBlocks.BlockSize == 0)
        {
            Head = blocks.Allocate(next: Count == 0 ? -1 : Head);
        }

        blocks.Block(Head)[Count % EntryBlocks.BlockSize] = entry;
        Count++;
    }

    /// <summary>Removes the entry of piece <paramref name="piece"/> of <paramref name="slot"/>: the head block's last
    /// entry takes its place.</summary>
    public void Remove(EntryBlocks blocks, int slot, int piece)
    {
        var head = blocks.Block(Head);
        var last = InHead - 1;
        for (var (block, count) = (Head, InHead); block >= 0; (block, count) = (blocks.Next(block), EntryBlocks.BlockSize))
        {
            var entries = blocks.Block(block);
            for (var i = 0; i < count; i++)
            {
                if (entries[i].Slot == slot && entries[i].Piece == piece)
                {
                    entries[i] = head[last];
                    Count--;
                    if (last == 0)
                    {
                        var next = blocks.Next(Head);
                        blocks.Release(Head);
                        Head = next;
                    }

                    return;
                }
            }
        }
    }
}
