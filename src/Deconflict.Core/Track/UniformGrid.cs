using System.Runtime.CompilerServices;

namespace Deconflict.Track;

/// <summary>A spatial hash of unit indices in cells at least <c>cellMetres</c> wide, so that every pair closer than that
/// lies in the 3 × 3 block of cells around either unit.</summary>
/// <remarks>
/// Implementation note: cells are rows of latitude, each <c>cellMetres</c> high at the equator (where a degree of
/// latitude is shortest), and each row is cut in longitude with its own step: wide enough in metres at the poleward edge
/// of the row and its neighbours, where a degree of longitude is shortest. So the grid is uniform in a local metric
/// projection of each row, and its guarantee holds from the equator to the poles. The antimeridian is not wrapped: units
/// on either side of ±180° are not paired. Cells live in an open-addressing hash table (linear probing) so that a
/// lookup is a multiply, a mask and usually one compare; nothing is allocated per update once cells exist.
/// </remarks>
internal sealed class UniformGrid
{
    private const long EmptyKey = long.MinValue;

    private readonly double _rowDegrees;
    private readonly double[] _lonStepDegrees;
    private long[] _keys;
    private int[] _bucketOf;
    private int[][] _buckets = new int[16][];
    private int[] _bucketCounts = new int[16];
    private int _bucketTotal;
    private int[] _slotOf = new int[16];

    public UniformGrid(double cellMetres)
    {
        _rowDegrees = cellMetres / LocalMetres.MinMeridionalRadius * (180 / Math.PI);
        var rows = (int)Math.Ceiling(180 / _rowDegrees) + 2;
        _lonStepDegrees = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            // The poleward edge of this row and of the next row out.
            var poleward = Math.Min(90, Math.Max(Math.Abs(-90 + (r * _rowDegrees)), Math.Abs(-90 + ((r + 1) * _rowDegrees))) + _rowDegrees);
            LocalMetres.PerDegree(poleward, out _, out var east);
            _lonStepDegrees[r] = east * 360 <= cellMetres ? 360 : cellMetres / east;
        }

        _keys = new long[64];
        _bucketOf = new int[64];
        Array.Fill(_keys, EmptyKey);
    }

    /// <summary>The cell of a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long CellOf(double latitude, double longitude)
    {
        var row = Row(latitude);
        return Key(row, Column(row, longitude));
    }

    /// <summary>Puts <paramref name="unit"/> into <paramref name="cell"/>.</summary>
    public void Add(int unit, long cell)
    {
        var bucket = BucketFor(cell, create: true);
        ref var count = ref _bucketCounts[bucket];
        var items = _buckets[bucket];
        if (count == items.Length)
        {
            Array.Resize(ref _buckets[bucket], items.Length * 2);
            items = _buckets[bucket];
        }

        if (unit >= _slotOf.Length)
        {
            Array.Resize(ref _slotOf, Math.Max(unit + 1, _slotOf.Length * 2));
        }

        items[count] = unit;
        _slotOf[unit] = count;
        count++;
    }

    /// <summary>Takes <paramref name="unit"/> out of <paramref name="cell"/> (swap with the last).</summary>
    public void Remove(int unit, long cell)
    {
        var bucket = BucketFor(cell, create: false);
        ref var count = ref _bucketCounts[bucket];
        var items = _buckets[bucket];
        var slot = _slotOf[unit];
        var last = items[--count];
        items[slot] = last;
        _slotOf[last] = slot;
    }

    /// <summary>The 3 × 3 block of cells around a position, as up to nine spans of unit indices (empty cells are skipped).</summary>
    public Neighbourhood Around(double latitude, double longitude) => new(this, latitude, longitude);

    /// <summary>Iterates the cells of a 3 × 3 block without allocating.</summary>
    internal ref struct Neighbourhood
    {
        private readonly UniformGrid _grid;
        private readonly double _longitude;
        private readonly int _row;
        private int _step;

        public Neighbourhood(UniformGrid grid, double latitude, double longitude)
        {
            _grid = grid;
            _longitude = longitude;
            _row = grid.Row(latitude);
            _step = -1;
            Current = default;
        }

        public ReadOnlySpan<int> Current { get; private set; }

        public bool MoveNext()
        {
            while (++_step < 9)
            {
                var row = _row + (_step / 3) - 1;
                if ((uint)row >= (uint)_grid._lonStepDegrees.Length)
                {
                    continue;
                }

                var bucket = _grid.Find(Key(row, _grid.Column(row, _longitude) + (_step % 3) - 1));
                if (bucket >= 0 && _grid._bucketCounts[bucket] > 0)
                {
                    Current = new ReadOnlySpan<int>(_grid._buckets[bucket], 0, _grid._bucketCounts[bucket]);
                    return true;
                }
            }

            return false;
        }

        public readonly Neighbourhood GetEnumerator() => this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Row(double latitude) => (int)((latitude + 90) / _rowDegrees);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Column(int row, double longitude) => (int)Math.Floor((longitude + 180) / _lonStepDegrees[row]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Key(int row, int column) => ((long)row << 32) | (uint)column;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(long key, int mask) => (int)((ulong)(key * -7046029254386353131L) >> 32) & mask;

    private int Find(long key)
    {
        var mask = _keys.Length - 1;
        for (var i = Hash(key, mask); ; i = (i + 1) & mask)
        {
            var k = _keys[i];
            if (k == key)
            {
                return _bucketOf[i];
            }

            if (k == EmptyKey)
            {
                return -1;
            }
        }
    }

    private int BucketFor(long key, bool create)
    {
        var found = Find(key);
        if (found >= 0 || !create)
        {
            return found;
        }

        // Cells are never removed: an empty cell keeps its (small) bucket for the next unit that passes through.
        if ((_bucketTotal + 1) * 2 > _keys.Length)
        {
            Rehash(_keys.Length * 2);
        }

        if (_bucketTotal == _buckets.Length)
        {
            Array.Resize(ref _buckets, _buckets.Length * 2);
            Array.Resize(ref _bucketCounts, _bucketCounts.Length * 2);
        }

        var bucket = _bucketTotal++;
        _buckets[bucket] = new int[4];
        Insert(key, bucket);
        return bucket;
    }

    private void Insert(long key, int bucket)
    {
        var mask = _keys.Length - 1;
        var i = Hash(key, mask);
        while (_keys[i] != EmptyKey)
        {
            i = (i + 1) & mask;
        }

        _keys[i] = key;
        _bucketOf[i] = bucket;
    }

    private void Rehash(int capacity)
    {
        var keys = _keys;
        var buckets = _bucketOf;
        _keys = new long[capacity];
        _bucketOf = new int[capacity];
        Array.Fill(_keys, EmptyKey);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != EmptyKey)
            {
                Insert(keys[i], buckets[i]);
            }
        }
    }
}
