namespace Deconflict.Ledger.Merkle;

/// <summary>A bounded least-recently-used set of full tiles, so hot proofs read memory rather than storage.</summary>
/// <threadsafety>Thread-safe; one lock guards every operation (each is a dictionary and list update).</threadsafety>
internal sealed class TileCache(int capacity)
{
    private readonly Dictionary<TileKey, LinkedListNode<Tile>> _byKey = new(capacity);
    private readonly LinkedList<Tile> _recency = new();
    private readonly Lock _lock = new();

    public bool TryGet(TileKey key, out Tile tile)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                tile = node.Value;
                return true;
            }
        }

        tile = null!;
        return false;
    }

    public void Add(Tile tile)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_byKey.ContainsKey(tile.Key))
            {
                return;
            }

            if (_byKey.Count >= capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _byKey.Remove(oldest.Value.Key);
            }

            _byKey.Add(tile.Key, _recency.AddFirst(tile));
        }
    }
}
