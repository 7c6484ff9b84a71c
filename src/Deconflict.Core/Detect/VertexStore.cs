namespace Deconflict.Detect;

/// <summary>
/// The vertices of every stored movement in a few large pages instead of small arrays per movement, so that building
/// a large index allocates almost nothing and the garbage collector has few objects to trace. A movement's vertices
/// are contiguous in one page.
/// </summary>
/// <remarks>
/// Implementation note: allocation bumps a pointer in the current page; freeing only counts the vertices dead, and a
/// page whose vertices are all dead is reused. <see cref="ConflictIndex"/> compacts the store (moves every live range
/// into fresh pages) when dead vertices outnumber live ones, so churn cannot grow memory without bound. A movement
/// with more vertices than a page gets a page of its own.
/// </remarks>
/// <threadsafety>Not thread-safe.</threadsafety>
internal sealed class VertexStore
{
    public const int PageSize = 1 << 16;
    private const int FirstPageSize = 64;

    private readonly List<Vertex[]> _pages = [];
    private readonly List<int> _allocated = [];
    private readonly List<int> _live = [];
    private readonly Stack<int> _reusable = new();
    private int _current = -1;

    /// <summary>Live vertices.</summary>
    public long Live { get; private set; }

    /// <summary>Freed vertices whose space is not reusable yet.</summary>
    public long Dead { get; private set; }

    public Vertex[] Page(int page) => _pages[page];

    /// <summary>Reserves <paramref name="count"/> contiguous vertices; returns where.</summary>
    public (int Page, int Offset) Allocate(int count)
    {
        Live += count;
        var page = _current;
        if (count > PageSize)
        {
            page = NewPage(count);
        }
        else if (page >= 0 && _allocated[page] + count > _pages[page].Length && _allocated[page] + count <= PageSize)
        {
            // The first page starts small (an index of a few movements stays small) and doubles up to a full page.
            var grown = _pages[page];
            Array.Resize(ref grown, Math.Min(PageSize, Math.Max(_allocated[page] + count, 2 * grown.Length)));
            _pages[page] = grown;
        }
        else if (page < 0 || _allocated[page] + count > PageSize)
        {
            if (page >= 0 && _live[page] == 0)
            {
                Recycle(page);
            }

            page = _current = NewPage(_pages.Count == 0 ? Math.Max(count, FirstPageSize) : PageSize);
        }

        var offset = _allocated[page];
        _allocated[page] += count;
        _live[page] += count;
        return (page, offset);
    }

    /// <summary>Marks <paramref name="count"/> vertices of <paramref name="page"/> dead.</summary>
    public void Free(int page, int count)
    {
        Live -= count;
        Dead += count;
        if ((_live[page] -= count) == 0 && page != _current)
        {
            Recycle(page);
        }
    }

    private void Recycle(int page)
    {
        Dead -= _allocated[page];
        _allocated[page] = 0;
        _reusable.Push(page);
    }

    private int NewPage(int size)
    {
        if (_reusable.TryPop(out var page))
        {
            if (_pages[page].Length != size)
            {
                _pages[page] = new Vertex[size];
            }

            return page;
        }

        _pages.Add(new Vertex[size]);
        _allocated.Add(0);
        _live.Add(0);
        return _pages.Count - 1;
    }
}
