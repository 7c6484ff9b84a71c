namespace Deconflict.Detect;

/// <summary>
/// The grid entries of every cell in blocks of <see cref="BlockSize"/>, carved from large pages and recycled through a
/// free list: filing a piece allocates nothing once the pages exist, and a big index is a few hundred arrays rather
/// than an object and a growing array per cell.
/// </summary>
/// <threadsafety>Not thread-safe.</threadsafety>
internal sealed class EntryBlocks
{
    public const int BlockSize = 16;
    private const int BlocksPerPageShift = 12;
    private const int BlocksPerPage = 1 << BlocksPerPageShift;

    private readonly List<GridEntry[]> _pages = [];
    private readonly List<int[]> _next = [];
    private readonly Stack<int> _free = new();
    private int _used;

    /// <summary>The entries of a block.</summary>
    public Span<GridEntry> Block(int block) =>
        _pages[block >> BlocksPerPageShift].AsSpan((block & (BlocksPerPage - 1)) * BlockSize, BlockSize);

    /// <summary>The block after this one in its cell's chain, or −1.</summary>
    public int Next(int block) => _next[block >> BlocksPerPageShift][block & (BlocksPerPage - 1)];

    /// <summary>A block to put before <paramref name="next"/> (−1: none) in a chain.</summary>
    public int Allocate(int next)
    {
        if (!_free.TryPop(out var block))
        {
            block = _used++;
            var page = block >> BlocksPerPageShift;
            if (page == _pages.Count)
            {
                // The first page starts small (an index of a few movements stays small) and doubles up to a full page.
                var blocks = page == 0 ? 4 : BlocksPerPage;
                _pages.Add(new GridEntry[blocks * BlockSize]);
                _next.Add(new int[blocks]);
            }
            else if (page == 0 && block == _next[0].Length)
            {
                var blocks = Math.Min(BlocksPerPage, 2 * block);
                var (entries, links) = (_pages[0], _next[0]);
                Array.Resize(ref entries, blocks * BlockSize);
                Array.Resize(ref links, blocks);
                (_pages[0], _next[0]) = (entries, links);
            }
        }

        _next[block >> BlocksPerPageShift][block & (BlocksPerPage - 1)] = next;
        return block;
    }

    public void Release(int block) => _free.Push(block);
}
