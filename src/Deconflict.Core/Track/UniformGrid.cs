using System.Runtime.CompilerServices;
using Deconflict.Geo;

namespace Deconflict.Track;

/// <summary>The units of one cell as the grid holds them, column by column: index, party and position copied so that
/// scanning a cell reads a few contiguous arrays (vectorisable) instead of jumping to each unit's state.</summary>
/// <remarks><see cref="Latitudes"/> and <see cref="Longitudes"/> run past <see cref="Count"/> to the cell's capacity, a
/// multiple of 8 (so of <see cref="System.Numerics.Vector{T}.Count"/> for doubles), so that whole vectors can be loaded;
/// the values past <see cref="Count"/> mean nothing.</remarks>
internal readonly ref struct CellMembers
{
    public CellMembers(ReadOnlySpan<double> latitudes, ReadOnlySpan<double> longitudes, ReadOnlySpan<int> units, ReadOnlySpan<int> parties)
    {
        Latitudes = latitudes;
        Longitudes = longitudes;
        Units = units;
        Parties = parties;
    }

    public ReadOnlySpan<double> Latitudes { get; }

    public ReadOnlySpan<double> Longitudes { get; }

    public ReadOnlySpan<int> Units { get; }

    public ReadOnlySpan<int> Parties { get; }

    public int Count => Units.Length;
}

/// <summary>A spatial hash of units in cells at least twice the reach wide, so that every unit within the reach of a
/// position lies in the (at most) 2 × 2 cells that the square of side 2 × reach around it overlaps.</summary>
/// <remarks>
/// Implementation note: cells are rows of latitude, each 2 × reach high at the equator (where a degree of latitude is
/// shortest), and each row is cut in longitude with its own step: 2 × reach wide in metres at the row's poleward edge
/// plus one row, where a degree of longitude is shortest. So the grid is uniform in a local metric projection of each
/// row and its guarantee holds from the equator to the poles. Cells twice the reach (rather than the reach with a 3 × 3
/// search) cut the hash lookups per query from 9 to at most 4: lookups miss the cache, while scanning the extra members
/// of a cell reads contiguous memory. The antimeridian is not wrapped: units on either side of ±180° are not paired.
/// Cells live in one open-addressing table (linear probing) whose entries hold the key, the count and the members, so a
/// lookup touches one entry; nothing is allocated per update once cells exist. A cell keeps its members in two arrays,
/// latitudes then longitudes in one and units then parties in the other (each half the capacity), so a scan reads them
/// as columns, several members per vector instruction.
/// </remarks>
internal sealed class UniformGrid
{
    private const long EmptyKey = long.MinValue;

    private readonly double _rowDegrees;
    private readonly double _reachLatitudeDegrees;
    private readonly double[] _lonStepDegrees;
    private readonly double[] _reachLongitudeDegrees;
    private Cell[] _cells;
    private int _cellCount;
    private int[] _slotOf = new int[16];

    public UniformGrid(double reachMetres)
    {
        var cellMetres = 2 * reachMetres;
        _rowDegrees = cellMetres / LocalMetres.MinMeridionalRadius * (180 / Math.PI);
        _reachLatitudeDegrees = _rowDegrees / 2;
        var rows = (int)Math.Ceiling(180 / _rowDegrees) + 2;
        _lonStepDegrees = new double[rows];
        _reachLongitudeDegrees = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            // The poleward edge of this row, plus one row for the neighbours' spill-over.
            var poleward = Math.Min(90, Math.Max(Math.Abs(-90 + (r * _rowDegrees)), Math.Abs(-90 + ((r + 1) * _rowDegrees))) + _rowDegrees);
            LocalMetres.PerDegree(poleward, out _, out var east);
            _lonStepDegrees[r] = east * 360 <= cellMetres ? 360 : cellMetres / east;
            _reachLongitudeDegrees[r] = _lonStepDegrees[r] / 2;
        }

        _cells = new Cell[64];
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i].Key = EmptyKey;
        }
    }

    /// <summary>The cell of a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long CellOf(double latitude, double longitude)
    {
        var row = Row(latitude);
        return Key(row, Column(row, longitude));
    }

    /// <summary>Puts a unit of <paramref name="party"/> at a position into <paramref name="cell"/>.</summary>
    public void Add(long cell, int unit, int party, double latitude, double longitude)
    {
        ref var entry = ref Entry(cell, create: true);
        if (entry.Count == entry.Capacity)
        {
            entry.Grow();
        }

        if (unit >= _slotOf.Length)
        {
            Array.Resize(ref _slotOf, Math.Max(unit + 1, _slotOf.Length * 2));
        }

        var slot = entry.Count++;
        entry.Coordinates[slot] = latitude;
        entry.Coordinates[entry.Capacity + slot] = longitude;
        entry.Ids[slot] = unit;
        entry.Ids[entry.Capacity + slot] = party;
        _slotOf[unit] = slot;
    }

    /// <summary>Updates the position of a unit that stays in <paramref name="cell"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int unit, long cell, double latitude, double longitude)
    {
        ref var entry = ref Entry(cell, create: false);
        var slot = _slotOf[unit];
        entry.Coordinates[slot] = latitude;
        entry.Coordinates[entry.Capacity + slot] = longitude;
    }

    /// <summary>Takes <paramref name="unit"/> out of <paramref name="cell"/> (swap with the last).</summary>
    public void Remove(int unit, long cell)
    {
        ref var entry = ref Entry(cell, create: false);
        var slot = _slotOf[unit];
        var last = --entry.Count;
        var capacity = entry.Capacity;
        entry.Coordinates[slot] = entry.Coordinates[last];
        entry.Coordinates[capacity + slot] = entry.Coordinates[capacity + last];
        var moved = entry.Ids[slot] = entry.Ids[last];
        entry.Ids[capacity + slot] = entry.Ids[capacity + last];
        _slotOf[moved] = slot;
    }

    /// <summary>The cells that may hold a unit within the reach of a position: up to four cells' members.</summary>
    public Neighbourhood Around(double latitude, double longitude) => new(this, latitude, longitude, 1);

    /// <summary>The cells that may hold a unit within <paramref name="reaches"/> × the reach of a position.</summary>
    public Neighbourhood Around(double latitude, double longitude, double reaches) => new(this, latitude, longitude, reaches);

    /// <summary>Iterates the cells around a position without allocating.</summary>
    internal ref struct Neighbourhood
    {
        private readonly UniformGrid _grid;
        private readonly double _longitude;
        private readonly double _reaches;
        private readonly int _lastRow;
        private int _row;
        private int _column;
        private int _lastColumn;

        public Neighbourhood(UniformGrid grid, double latitude, double longitude, double reaches)
        {
            _grid = grid;
            _longitude = longitude;
            _reaches = reaches;
            _row = Math.Max(0, grid.Row(latitude - (grid._reachLatitudeDegrees * reaches)));
            _lastRow = Math.Min(grid._lonStepDegrees.Length - 1, grid.Row(latitude + (grid._reachLatitudeDegrees * reaches)));
            _column = 1;
            _lastColumn = 0; // forces MoveNext to start the first row
            _row--;
            Current = default;
        }

        public CellMembers Current { get; private set; }

        public bool MoveNext()
        {
            while (true)
            {
                if (_column > _lastColumn)
                {
                    if (++_row > _lastRow)
                    {
                        return false;
                    }

                    var reach = _grid._reachLongitudeDegrees[_row] * _reaches;
                    _column = _grid.Column(_row, _longitude - reach);
                    _lastColumn = _grid.Column(_row, _longitude + reach);
                }

                ref var entry = ref _grid.Find(Key(_row, _column++));
                if (!Unsafe.IsNullRef(ref entry) && entry.Count > 0)
                {
                    var (count, capacity) = (entry.Count, entry.Capacity);
                    Current = new CellMembers(entry.Coordinates.AsSpan(0, capacity), entry.Coordinates.AsSpan(capacity, capacity),
                        entry.Ids.AsSpan(0, count), entry.Ids.AsSpan(capacity, count));
                    return true;
                }
            }
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

    private ref Cell Find(long key)
    {
        var cells = _cells;
        var mask = cells.Length - 1;
        for (var i = Hash(key, mask); ; i = (i + 1) & mask)
        {
            ref var cell = ref cells[i];
            if (cell.Key == key)
            {
                return ref cell;
            }

            if (cell.Key == EmptyKey)
            {
                return ref Unsafe.NullRef<Cell>();
            }
        }
    }

    private ref Cell Entry(long key, bool create)
    {
        ref var found = ref Find(key);
        if (!Unsafe.IsNullRef(ref found) || !create)
        {
            return ref found;
        }

        // Cells are never removed: an empty cell keeps its (small) array for the next unit that passes through.
        if ((_cellCount + 1) * 2 > _cells.Length)
        {
            Rehash(_cells.Length * 2);
        }

        _cellCount++;
        ref var slot = ref Insert(key);
        slot.Coordinates = new double[2 * InitialCapacity];
        slot.Ids = new int[2 * InitialCapacity];
        return ref slot;
    }

    private ref Cell Insert(long key)
    {
        var mask = _cells.Length - 1;
        var i = Hash(key, mask);
        while (_cells[i].Key != EmptyKey)
        {
            i = (i + 1) & mask;
        }

        _cells[i].Key = key;
        return ref _cells[i];
    }

    private void Rehash(int capacity)
    {
        var old = _cells;
        _cells = new Cell[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _cells[i].Key = EmptyKey;
        }

        foreach (var cell in old)
        {
            if (cell.Key != EmptyKey)
            {
                ref var slot = ref Insert(cell.Key);
                slot.Coordinates = cell.Coordinates;
                slot.Ids = cell.Ids;
                slot.Count = cell.Count;
            }
        }
    }

    private const int InitialCapacity = 8;

    private struct Cell
    {
        public long Key;
        public int Count;
        public double[] Coordinates; // latitudes in [0, Capacity), longitudes in [Capacity, 2 × Capacity)
        public int[] Ids;            // units in [0, Capacity), parties in [Capacity, 2 × Capacity)

        public readonly int Capacity => Ids.Length / 2;

        // Doubles the capacity, keeping each column's members in their slots.
        public void Grow()
        {
            var (old, count) = (Capacity, Count);
            var coordinates = new double[4 * old];
            var ids = new int[4 * old];
            Array.Copy(Coordinates, 0, coordinates, 0, count);
            Array.Copy(Coordinates, old, coordinates, 2 * old, count);
            Array.Copy(Ids, 0, ids, 0, count);
            Array.Copy(Ids, old, ids, 2 * old, count);
            (Coordinates, Ids) = (coordinates, ids);
        }
    }
}
