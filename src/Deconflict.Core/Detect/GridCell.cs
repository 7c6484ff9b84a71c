namespace Deconflict.Detect;

/// <summary>The entries of one grid cell, in a growable array; removal swaps the last entry in.</summary>
internal sealed class GridCell
{
    public GridEntry[] Entries = new GridEntry[4];
    public int Count;

    public void Add(in GridEntry entry)
    {
        if (Count == Entries.Length)
        {
            Array.Resize(ref Entries, Count * 2);
        }

        Entries[Count++] = entry;
    }

    public void Remove(int slot, int piece)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Entries[i].Slot == slot && Entries[i].Piece == piece)
            {
                Entries[i] = Entries[--Count];
                return;
            }
        }
    }
}
