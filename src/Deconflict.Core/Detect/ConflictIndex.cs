using System.Runtime.InteropServices;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// The strategic conflict engine: holds declared movements cut into pieces and finds, for one movement, every stored
/// movement of another, non-coalition party it conflicts with, by the exact definition of DESIGN.md
/// ("Conflict (the Volume4D model)") under the given <see cref="ConflictRules"/>.
/// </summary>
/// <remarks>
/// <para>Each piece is filed once in a multi-resolution loose space-time grid (<c>GridKey</c>) by its bounding box in
/// longitude, latitude and time, buffered by the movement's half-width. A query visits each cell its own buffered pieces
/// may reach once, rejects entries by box against the whole query then against each piece, skips allied parties, then
/// checks altitude, the exact windows and the distance (<see cref="ApproximateDistance"/>'s method). Memory: 24 bytes
/// per piece vertex plus 32 bytes per piece entry plus the <see cref="Movement"/> itself; docs/PERFORMANCE.md gives
/// the measured figure.</para>
/// <para>Positions crossing the antimeridian are handled correctly but slowly (their boxes span the globe).</para>
/// </remarks>
/// <threadsafety>Not thread-safe: serialise all calls, including <see cref="Query"/>, which reuses scratch state.</threadsafety>
public sealed class ConflictIndex
{
    private static readonly long Epoch2000Ticks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly Dictionary<long, GridCell> _cells = [];
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Dictionary<PartyId, int> _partyIndex = [];
    private readonly List<PieceSet?> _slots = [];
    private readonly List<int> _slotParty = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly int[] _entriesPerLevelPair = new int[GridKey.Levels * GridKey.Levels];
    private readonly Dictionary<int, Accumulator> _found = [];
    private readonly HashSet<long> _visited = [];
    private readonly List<int> _relevant = [];

    /// <summary>Creates an empty index applying <paramref name="rules"/>.</summary>
    public ConflictIndex(ConflictRules rules) => Rules = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>The rules applied.</summary>
    public ConflictRules Rules { get; }

    /// <summary>How many movements are stored.</summary>
    public int Count => _slotById.Count;

    /// <summary>Whether a movement with this id is stored.</summary>
    public bool Contains(string id) => _slotById.ContainsKey(id);

    /// <summary>The stored movement with this id, or <see langword="null"/>.</summary>
    public Movement? Find(string id) => _slotById.TryGetValue(id, out var slot) ? _slots[slot]!.Movement : null;

    /// <summary>Stores a movement.</summary>
    /// <exception cref="DeconflictException">A movement with the same id is stored (<c>movement.duplicate-id</c>).</exception>
    public void Insert(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ThrowIfStored(movement.Id);
        Store(PieceSet.Cut(movement, Rules.SegmentDuration));
    }

    /// <summary>Stores many movements, cutting them into pieces on all cores: how an index is rebuilt from scratch.</summary>
    /// <exception cref="DeconflictException">An id is stored already or repeated in <paramref name="movements"/>; nothing
    /// is stored then.</exception>
    public void InsertRange(IEnumerable<Movement> movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        var batch = movements.ToArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var movement in batch)
        {
            ThrowIfStored(movement.Id);
            if (!ids.Add(movement.Id))
            {
                throw new DeconflictException(MovementErrors.DuplicateIdCode, "The id appears twice", "id", movement.Id);
            }
        }

        // Cutting (Vincenty per piece boundary) dominates and is independent per movement; filing stays sequential.
        foreach (var pieces in batch.AsParallel().AsOrdered().Select(m => PieceSet.Cut(m, Rules.SegmentDuration)))
        {
            Store(pieces);
        }
    }

    private void ThrowIfStored(string id)
    {
        if (_slotById.ContainsKey(id))
        {
            throw new DeconflictException(MovementErrors.DuplicateIdCode, "A movement with this id is already stored", "id", id);
        }
    }

    private void Store(PieceSet pieces)
    {
        var movement = pieces.Movement;
        int slot;
        if (_freeSlots.TryPop(out slot))
        {
            _slots[slot] = pieces;
            _slotParty[slot] = PartyIndex(movement.Party);
        }
        else
        {
            slot = _slots.Count;
            _slots.Add(pieces);
            _slotParty.Add(PartyIndex(movement.Party));
        }

        _slotById.Add(movement.Id, slot);
        FilePieces(pieces, slot, add: true);
    }

    /// <summary>Removes the movement with this id; returns whether one was stored.</summary>
    public bool Remove(string id)
    {
        if (!_slotById.Remove(id, out var slot))
        {
            return false;
        }

        FilePieces(_slots[slot]!, slot, add: false);
        _slots[slot] = null;
        _freeSlots.Push(slot);
        return true;
    }

    /// <summary>Replaces the stored movement with the same id (or stores it if there is none).</summary>
    public void Amend(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        Remove(movement.Id);
        Insert(movement);
    }

    /// <summary>
    /// The conflicts of <paramref name="movement"/> with the stored movements, ordered by <see cref="Conflict.B"/>
    /// (ordinal). A stored movement with the same id (an earlier version of it) is ignored.
    /// </summary>
    public IReadOnlyList<Conflict> Query(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        var query = new QueryPieces(PieceSet.Cut(movement, Rules.SegmentDuration), Rules.MaxSeparationMetres(movement.Kind));
        _found.Clear();
        var allied = AlliedWith(movement.Party);
        for (var spaceLevel = 0; spaceLevel < GridKey.Levels; spaceLevel++)
        {
            for (var timeLevel = 0; timeLevel < GridKey.Levels; timeLevel++)
            {
                if (_entriesPerLevelPair[(spaceLevel * GridKey.Levels) + timeLevel] != 0)
                {
                    QueryLevel(query, spaceLevel, timeLevel, allied);
                }
            }
        }

        if (_found.Count == 0)
        {
            return [];
        }

        var conflicts = new List<Conflict>(_found.Count);
        foreach (var (slot, found) in _found)
        {
            conflicts.Add(found.ToConflict(query.Pieces, _slots[slot]!));
        }

        conflicts.Sort((x, y) => string.CompareOrdinal(x.B, y.B));
        return conflicts;
    }

    // Visits each cell of one level pair that some query piece may reach, once: consecutive pieces of a route mostly
    // reach the same cells, so a range equal to the previous piece's is skipped before touching the visited set.
    private void QueryLevel(QueryPieces query, int spaceLevel, int timeLevel, bool[] allied)
    {
        var side = GridKey.CellDegrees[spaceLevel];
        var bucket = GridKey.BucketSeconds[timeLevel];
        _visited.Clear();
        (int, int, int, int, long, long) previous = default;
        for (var i = 0; i < query.Count; i++)
        {
            ref readonly var box = ref query.Boxes[i];
            // Loose grid: an entry filed in a cell reaches at most one side beyond it, so look one cell lower too.
            var range = (GridKey.Column(box.MinLon - side, spaceLevel), GridKey.Column(box.MaxLon, spaceLevel),
                GridKey.Row(box.MinLat - side, spaceLevel), GridKey.Row(box.MaxLat, spaceLevel),
                GridKey.Bucket(box.StartSeconds - bucket, timeLevel), GridKey.Bucket(box.EndSeconds, timeLevel));
            if (i > 0 && range == previous)
            {
                continue;
            }

            previous = range;
            for (var c = range.Item1; c <= range.Item2; c++)
            {
                for (var r = range.Item3; r <= range.Item4; r++)
                {
                    for (var b = range.Item5; b <= range.Item6; b++)
                    {
                        var key = GridKey.Pack(spaceLevel, timeLevel, c, r, b);
                        if (_visited.Add(key) && _cells.TryGetValue(key, out var cell))
                        {
                            ScanCell(query, cell, CellReach(spaceLevel, timeLevel, c, r, b), allied);
                        }
                    }
                }
            }
        }
    }

    // The region entries filed in a cell can reach: the cell, extended by one cell side (loose grid) on the high side.
    private static QueryBox CellReach(int spaceLevel, int timeLevel, int column, int row, long bucket)
    {
        var side = GridKey.CellDegrees[spaceLevel];
        var seconds = GridKey.BucketSeconds[timeLevel];
        var minLon = (column * side) - 180;
        var minLat = (row * side) - 90;
        var start = (bucket - GridKey.BucketOffset) * seconds;
        return new QueryBox(minLon, minLat, minLon + (2 * side), minLat + (2 * side),
            (int)Math.Clamp(start, int.MinValue, int.MaxValue), (int)Math.Clamp(start + (2 * seconds), int.MinValue, int.MaxValue));
    }

    private void ScanCell(QueryPieces query, GridCell cell, in QueryBox reach, bool[] allied)
    {
        // Only the query pieces that can meet something filed here: usually a handful of a long route's pieces.
        _relevant.Clear();
        var union = new QueryBox(double.MaxValue, double.MaxValue, double.MinValue, double.MinValue, int.MaxValue, int.MinValue);
        for (var i = 0; i < query.Count; i++)
        {
            ref readonly var box = ref query.Boxes[i];
            if (box.Overlaps(reach))
            {
                _relevant.Add(i);
                union = union.Union(box);
            }
        }

        if (_relevant.Count == 0)
        {
            return;
        }

        var relevant = CollectionsMarshal.AsSpan(_relevant);
        var entries = cell.Entries.AsSpan(0, cell.Count);
        foreach (ref readonly var e in entries)
        {
            // Far apart in space or time is the common case: rejected on the entry alone, against those pieces' union first.
            if (!union.Overlaps(e) || allied[_slotParty[e.Slot]])
            {
                continue;
            }

            foreach (var i in relevant)
            {
                if (query.Boxes[i].Overlaps(e))
                {
                    Examine(query, i, e.Slot, e.Piece);
                }
            }
        }
    }

    private void Examine(QueryPieces queryPieces, int piece, int slot, int otherPiece)
    {
        var query = queryPieces.Pieces;
        var other = _slots[slot]!;
        if (!query.Movement.Altitude.Overlaps(other.Movement.Altitude) || string.Equals(other.Movement.Id, query.Movement.Id, StringComparison.Ordinal))
        {
            return;
        }

        var start = Math.Max(query.StartTicks(piece), other.StartTicks(otherPiece));
        var end = Math.Min(query.EndTicks(piece), other.EndTicks(otherPiece));
        if (start > end)
        {
            return;
        }

        var (metres, lon, lat) = Proximity.Between(query.PieceLongitudes(piece), query.PieceLatitudes(piece),
            queryPieces.ProjectedX[piece], queryPieces.ProjectedY[piece], query.IsZone,
            other.PieceLongitudes(otherPiece), other.PieceLatitudes(otherPiece), other.IsZone, queryPieces.Planes[piece]);
        var widths = query.HalfWidthMetres + other.HalfWidthMetres;
        if (metres > widths + Rules.SeparationMetres(query.Movement.Kind, other.Movement.Kind))
        {
            return;
        }

        if (!_found.TryGetValue(slot, out var found))
        {
            _found.Add(slot, found = new Accumulator());
        }

        found.Add(piece, otherPiece, start, end, metres - widths, lon, lat);
    }

    private void FilePieces(PieceSet pieces, int slot, bool add)
    {
        for (var piece = 0; piece < pieces.PieceCount; piece++)
        {
            var (minLon, minLat, maxLon, maxLat) = Bounds(pieces, piece, pieces.HalfWidthMetres);
            var entry = new GridEntry
            {
                Slot = slot,
                Piece = piece,
                MinLon = RoundDown(minLon),
                MinLat = RoundDown(minLat),
                MaxLon = RoundUp(maxLon),
                MaxLat = RoundUp(maxLat),
                StartSeconds = Seconds(pieces.StartTicks(piece), floor: true),
                EndSeconds = Seconds(pieces.EndTicks(piece), floor: false),
            };
            var spaceLevel = GridKey.SpaceLevel(entry.MinLon, entry.MinLat, entry.MaxLon, entry.MaxLat);
            var timeLevel = GridKey.TimeLevel(entry.StartSeconds, entry.EndSeconds);
            var key = GridKey.Pack(spaceLevel, timeLevel, GridKey.Column(entry.MinLon, spaceLevel), GridKey.Row(entry.MinLat, spaceLevel),
                GridKey.Bucket(entry.StartSeconds, timeLevel));
            _entriesPerLevelPair[(spaceLevel * GridKey.Levels) + timeLevel] += add ? 1 : -1;
            if (add)
            {
                ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, key, out _);
                (cell ??= new GridCell()).Add(entry);
            }
            else if (_cells.TryGetValue(key, out var cell))
            {
                cell.Remove(slot, piece);
                if (cell.Count == 0)
                {
                    _cells.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// A conservative bounding box in degrees of piece i buffered by <paramref name="bufferMetres"/>, with slack for the
    /// bulge of geodesic edges off straight lines in degrees and for the error of the approximate distance.
    /// </summary>
    internal static (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds(PieceSet pieces, int piece, double bufferMetres)
    {
        var lons = pieces.PieceLongitudes(piece);
        var lats = pieces.PieceLatitudes(piece);
        double minLon = lons[0], maxLon = lons[0], minLat = lats[0], maxLat = lats[0], bulge = 0;
        for (var i = 1; i < lons.Length; i++)
        {
            minLon = Math.Min(minLon, lons[i]);
            maxLon = Math.Max(maxLon, lons[i]);
            minLat = Math.Min(minLat, lats[i]);
            maxLat = Math.Max(maxLat, lats[i]);
            // An edge of length L leaves the straight line in degrees by about L²·tan φ / 8R; bound it generously.
            var dy = (lats[i] - lats[i - 1]) * 111_700;
            var dx = (lons[i] - lons[i - 1]) * 111_320 * Math.Cos(lats[i] * Ellipsoid.DegreesToRadians);
            var lengthSquared = (dx * dx) + (dy * dy);
            bulge = Math.Max(bulge, lengthSquared / (4 * 6_350_000.0) * (1 + Math.Tan(Math.Min(85, Math.Abs(lats[i])) * Ellipsoid.DegreesToRadians)));
        }

        var metres = (bufferMetres * 1.002) + bulge + 1;
        var dLat = metres / Ellipsoid.MinMetresPerDegreeLatitude;
        var highest = Math.Max(Math.Abs(minLat), Math.Abs(maxLat)) + dLat;
        if (highest >= 89 || maxLon - minLon > 180)
        {
            return (-180, Math.Max(-90, minLat - dLat), 180, Math.Min(90, maxLat + dLat));
        }

        var dLon = metres / (Ellipsoid.MetresPerDegreeLongitudeAtEquator * Math.Cos(highest * Ellipsoid.DegreesToRadians));
        return (Math.Max(-180, minLon - dLon), Math.Max(-90, minLat - dLat), Math.Min(180, maxLon + dLon), Math.Min(90, maxLat + dLat));
    }

    internal static int Seconds(long ticks, bool floor)
    {
        var seconds = (double)(ticks - Epoch2000Ticks) / TimeSpan.TicksPerSecond;
        seconds = floor ? Math.Floor(seconds) : Math.Ceiling(seconds);
        return (int)Math.Clamp(seconds, int.MinValue, int.MaxValue);
    }

    private static float RoundDown(double value)
    {
        var f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    private static float RoundUp(double value)
    {
        var f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }

    private int PartyIndex(PartyId party)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_partyIndex, party, out var exists);
        if (!exists)
        {
            index = _partyIndex.Count - 1;
        }

        return index;
    }

    private bool[] AlliedWith(PartyId party)
    {
        var allied = new bool[_partyIndex.Count];
        foreach (var (other, index) in _partyIndex)
        {
            allied[index] = Rules.AreAllied(party, other);
        }

        return allied;
    }
}
