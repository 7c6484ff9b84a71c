using System.Buffers;
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
/// longitude, latitude and time, buffered by the movement's half-width. Vertices are stored once, in ECEF, in a few
/// large pages (<c>VertexStore</c>), so that projecting a candidate onto a query piece's tangent plane is two dot
/// products per vertex. A query visits each cell its own buffered pieces may reach once, rejects entries by box against
/// the whole query then against each piece, skips allied parties, then checks altitude, the exact windows and the
/// distance (<see cref="ApproximateDistance"/>'s method); a route piece against a zone is usually decided by the
/// zone's inner and outer discs first (<c>ZoneDisk</c>: deep inside or far outside). The pieces disclosed with a conflict are built when first
/// read. Grid entries live in pooled blocks (<c>EntryBlocks</c>), so neither vertices nor entries are objects of their
/// own; the grid's cells are split between independent shards (<c>GridShard</c>) by key, so that a bulk build files
/// on all cores. Memory: 32 bytes per piece vertex plus 32 bytes per piece entry (in blocks of 16) plus 56 bytes per movement,
/// plus the <see cref="Movement"/> itself; docs/PERFORMANCE.md gives the measured figure.</para>
/// <para>Positions crossing the antimeridian are handled correctly but slowly (their boxes span the globe).</para>
/// </remarks>
/// <threadsafety>Not thread-safe: serialise all calls, including <see cref="Query"/>, which reuses scratch state.</threadsafety>
public sealed class ConflictIndex
{
    private readonly GridShard[] _shards = [.. Enumerable.Range(0, GridShard.Count).Select(_ => new GridShard())];
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Dictionary<PartyId, int> _partyIndex = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Stack<int> _freeDisks = new();
    private ZoneDisk[] _disks = new ZoneDisk[16];
    private int _diskCount;
    private readonly HashSet<long> _visited = [];
    private readonly List<int> _relevant = [];
    private readonly PieceCut _cut = new();
    private readonly QueryPieces _query = new();
    private readonly List<int> _pairs = [];
    private VertexStore _vertices = new();
    private StoredMovement[] _slots = new StoredMovement[16];
    private Movement?[] _movements = new Movement?[16];
    private int _slotCount;

    // Per query: each slot's index in _found while _foundStamp[slot] equals the query's stamp.
    private int[] _foundIndex = new int[16];
    private int[] _foundStamp = new int[16];
    private int _stamp;
    private Found[] _found = new Found[16];
    private int _foundCount;
    private readonly double[] _separationByKind = new double[4];
    private double _queryHalfWidth;

    /// <summary>Creates an empty index applying <paramref name="rules"/>.</summary>
    public ConflictIndex(ConflictRules rules) => Rules = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>The rules applied.</summary>
    public ConflictRules Rules { get; }

    /// <summary>Whether route pieces against zones are first decided by the zones' discs (<see cref="ZoneDisk"/>); false
    /// sends every such pair to the full check, which must give the same answers (how the tests show that it does, and
    /// the bench what the discs save).</summary>
    internal bool ZoneDiscs { get; set; } = true;

    /// <summary>How many movements are stored.</summary>
    public int Count => _slotById.Count;

    /// <summary>Whether a movement with this id is stored.</summary>
    public bool Contains(string id) => _slotById.ContainsKey(id);

    /// <summary>The stored movement with this id, or <see langword="null"/>.</summary>
    public Movement? Find(string id) => _slotById.TryGetValue(id, out var slot) ? _movements[slot] : null;

    private long SegmentTicks => Rules.SegmentDuration.Ticks;

    /// <summary>Stores a movement.</summary>
    /// <exception cref="DeconflictException">A movement with the same id is stored (<c>movement.duplicate-id</c>).</exception>
    public void Insert(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ThrowIfStored(movement.Id);
        var cut = _cut.Fill(movement, SegmentTicks);
        var slot = NewSlot(movement, cut.VertexCount);
        ref readonly var stored = ref _slots[slot];
        cut.WriteVertices(_vertices.Page(stored.Page).AsSpan(stored.Offset, cut.VertexCount));
        AddDisk(slot);
        FilePieces(cut, slot, add: true);
    }

    private void FilePieces(PieceCut cut, int slot, bool add)
    {
        for (var piece = 0; piece < cut.PieceCount; piece++)
        {
            var entry = GridEntry.Of(cut, piece);
            entry.Slot = slot;
            File(entry, add);
        }
    }

    /// <summary>Stores many movements, cutting them into pieces on all cores and filing them one thread per grid shard:
    /// how an index is rebuilt from scratch.</summary>
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

        // Cutting (geodesic interpolation, ECEF, boxes) is independent per movement, and so is filing in different grid
        // shards: in chunks, all movements are cut on all cores, given slots in order, then filed one thread per shard.
        foreach (var chunk in batch.Chunk(InsertChunk))
        {
            var prepared = chunk.AsParallel().AsOrdered().Select(Prepare).ToArray();
            foreach (var p in prepared)
            {
                var slot = NewSlot(p.Movement, p.Vertices.Length);
                ref readonly var stored = ref _slots[slot];
                p.Vertices.CopyTo(_vertices.Page(stored.Page).AsSpan(stored.Offset));
                AddDisk(slot);
                foreach (ref var entry in p.Entries.AsSpan())
                {
                    entry.Slot = slot;
                }
            }

            Parallel.For(0, GridShard.Count, shard =>
            {
                foreach (var p in prepared)
                {
                    for (var i = 0; i < p.Entries.Length; i++)
                    {
                        var (key, levelPair) = p.Keys[i];
                        if (GridShard.Of(key) == shard)
                        {
                            _shards[shard].File(key, levelPair, p.Entries[i], add: true);
                        }
                    }
                }
            });
        }
    }

    private const int InsertChunk = 16_384;

    private sealed record Prepared(Movement Movement, Vertex[] Vertices, GridEntry[] Entries, (long Key, int LevelPair)[] Keys);

    [ThreadStatic]
    private static PieceCut? t_cut;

    private Prepared Prepare(Movement movement)
    {
        var cut = (t_cut ??= new PieceCut()).Fill(movement, SegmentTicks);
        var vertices = new Vertex[cut.VertexCount];
        cut.WriteVertices(vertices);
        var entries = new GridEntry[cut.PieceCount];
        var keys = new (long Key, int LevelPair)[cut.PieceCount];
        for (var piece = 0; piece < entries.Length; piece++)
        {
            entries[piece] = GridEntry.Of(cut, piece);
            keys[piece] = GridKey.Of(entries[piece]);
        }

        return new Prepared(movement, vertices, entries, keys);
    }

    private void ThrowIfStored(string id)
    {
        if (_slotById.ContainsKey(id))
        {
            throw new DeconflictException(MovementErrors.DuplicateIdCode, "A movement with this id is already stored", "id", id);
        }
    }

    private int NewSlot(Movement movement, int vertexCount)
    {
        if (!_freeSlots.TryPop(out var slot))
        {
            slot = _slotCount++;
            if (slot == _slots.Length)
            {
                Array.Resize(ref _slots, 2 * slot);
                Array.Resize(ref _movements, 2 * slot);
                Array.Resize(ref _foundIndex, 2 * slot);
                Array.Resize(ref _foundStamp, 2 * slot);
            }
        }

        var (page, offset) = _vertices.Allocate(vertexCount);
        _slots[slot] = new StoredMovement
        {
            Page = page,
            Offset = offset,
            VertexCount = vertexCount,
            Party = PartyIndex(movement.Party),
            Kind = movement.Kind,
            ToleranceTicks = movement.Tolerance.Ticks,
            HalfWidthMetres = movement.HalfWidth.Metres,
            AltitudeLow = movement.Altitude.Low,
            AltitudeHigh = movement.Altitude.High,
        };
        _movements[slot] = movement;
        _slotById.Add(movement.Id, slot);
        return slot;
    }

    // A zone's discs, from its stored vertices.
    private void AddDisk(int slot)
    {
        ref var stored = ref _slots[slot];
        if (!stored.IsZone)
        {
            return;
        }

        if (!_freeDisks.TryPop(out stored.Disk))
        {
            stored.Disk = _diskCount++;
            if (stored.Disk == _disks.Length)
            {
                Array.Resize(ref _disks, 2 * stored.Disk);
            }
        }

        _disks[stored.Disk] = ZoneDisk.Of(_vertices.Page(stored.Page).AsSpan(stored.Offset, stored.VertexCount));
    }

    /// <summary>Removes the movement with this id; returns whether one was stored.</summary>
    public bool Remove(string id)
    {
        if (!_slotById.Remove(id, out var slot))
        {
            return false;
        }

        // The entries' cells are found again by cutting the movement again: the cut is deterministic.
        FilePieces(_cut.Fill(_movements[slot]!, SegmentTicks), slot, add: false);

        ref readonly var stored = ref _slots[slot];
        _vertices.Free(stored.Page, stored.VertexCount);
        if (stored.IsZone)
        {
            _freeDisks.Push(stored.Disk);
        }

        _movements[slot] = null;
        _freeSlots.Push(slot);
        if (_vertices.Dead > _vertices.Live && _vertices.Dead > VertexStore.PageSize)
        {
            Compact();
        }

        return true;
    }

    // Moves every live movement's vertices into a fresh store, releasing the pages that churn has left mostly dead.
    private void Compact()
    {
        var fresh = new VertexStore();
        foreach (var slot in _slotById.Values)
        {
            ref var stored = ref _slots[slot];
            var (page, offset) = fresh.Allocate(stored.VertexCount);
            _vertices.Page(stored.Page).AsSpan(stored.Offset, stored.VertexCount).CopyTo(fresh.Page(page).AsSpan(offset));
            (stored.Page, stored.Offset) = (page, offset);
        }

        _vertices = fresh;
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
        var query = _query;
        query.Fill(movement, SegmentTicks, Rules.MaxSeparationMetres(movement.Kind));
        _queryHalfWidth = movement.HalfWidth.Metres;
        for (var kind = 0; kind < _separationByKind.Length; kind++)
        {
            _separationByKind[kind] = Rules.SeparationMetres(movement.Kind, (MovementKind)kind);
        }

        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_foundStamp);
            _stamp = 1;
        }

        _foundCount = 0;
        _pairs.Clear();
        var allied = AlliedWith(movement.Party);
        var self = _slotById.TryGetValue(movement.Id, out var selfSlot) ? selfSlot : -1;
        for (var spaceLevel = 0; spaceLevel < GridKey.Levels; spaceLevel++)
        {
            for (var timeLevel = 0; timeLevel < GridKey.Levels; timeLevel++)
            {
                if (Holds(spaceLevel, timeLevel))
                {
                    QueryLevel(query, spaceLevel, timeLevel, allied, self);
                }
            }
        }

        return _foundCount == 0 ? [] : Conflicts(movement);
    }

    private bool Holds(int spaceLevel, int timeLevel)
    {
        foreach (var shard in _shards)
        {
            if (shard.Holds(spaceLevel, timeLevel))
            {
                return true;
            }
        }

        return false;
    }

    // One conflict per stored movement found; the conflicting piece pairs are grouped per conflict (counting sort) into
    // one array that the conflicts' disclosures share.
    private List<Conflict> Conflicts(Movement movement)
    {
        var found = _found.AsSpan(0, _foundCount);
        var starts = new int[_foundCount];
        var next = 0;
        for (var f = 0; f < found.Length; f++)
        {
            (starts[f], next) = (next, next + found[f].Pairs);
        }

        var pairs = new int[2 * next];
        var fill = (int[])starts.Clone();
        var recorded = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pairs);
        for (var r = 0; r < recorded.Length; r += 3)
        {
            var at = fill[recorded[r]]++;
            (pairs[2 * at], pairs[(2 * at) + 1]) = (recorded[r + 1], recorded[r + 2]);
        }

        var conflicts = new List<Conflict>(found.Length);
        for (var f = 0; f < found.Length; f++)
        {
            ref readonly var hit = ref found[f];
            var other = _movements[hit.Slot]!;
            var (longitude, latitude) = Ecef.ToDegrees(hit.X, hit.Y, hit.Z);
            conflicts.Add(new Conflict(movement.Id, other.Id, new DateTimeOffset(hit.StartTicks, TimeSpan.Zero), new DateTimeOffset(hit.EndTicks, TimeSpan.Zero),
                hit.MinSeparationMetres, Wgs84.FromLonLatTrusted(longitude, latitude),
                new Disclosure(movement, other, SegmentTicks, pairs, starts[f], hit.Pairs)));
        }

        conflicts.Sort((x, y) => string.CompareOrdinal(x.B, y.B));
        return conflicts;
    }

    // Visits each cell of one level pair that some query piece may reach, once: consecutive pieces of a route mostly
    // reach the same cells, so a range equal to the previous piece's is skipped before touching the visited set.
    private void QueryLevel(QueryPieces query, int spaceLevel, int timeLevel, bool[] allied, int self)
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
                        var shard = _shards[GridShard.Of(key)];
                        if (_visited.Add(key) && shard.Cells.TryGetValue(key, out var cell))
                        {
                            ScanCell(query, shard.Blocks, cell, CellReach(spaceLevel, timeLevel, c, r, b), allied, self);
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

    private void ScanCell(QueryPieces query, EntryBlocks blocks, in GridCell cell, in QueryBox reach, bool[] allied, int self)
    {
        // Only the query pieces that can meet something filed here: usually a handful of a long route's pieces.
        _relevant.Clear();
        var boxes = query.Boxes;
        var union = new QueryBox(double.MaxValue, double.MaxValue, double.MinValue, double.MinValue, int.MaxValue, int.MinValue);
        for (var i = 0; i < boxes.Length; i++)
        {
            if (boxes[i].Overlaps(reach))
            {
                _relevant.Add(i);
                union = union.Union(boxes[i]);
            }
        }

        if (_relevant.Count == 0)
        {
            return;
        }

        var relevant = CollectionsMarshal.AsSpan(_relevant);
        for (var (block, count) = (cell.Head, cell.InHead); block >= 0; (block, count) = (blocks.Next(block), EntryBlocks.BlockSize))
        {
            foreach (ref readonly var e in blocks.Block(block)[..count])
            {
                // Far apart in space or time is the common case: rejected on the entry alone, against those pieces' union first.
                if (!union.Overlaps(e) || e.Slot == self || allied[_slots[e.Slot].Party])
                {
                    continue;
                }

                foreach (var i in relevant)
                {
                    if (boxes[i].Overlaps(e))
                    {
                        Examine(query, i, e.Slot, e.Piece);
                    }
                }
            }
        }
    }

    private void Examine(QueryPieces query, int piece, int slot, int otherPiece)
    {
        ref readonly var other = ref _slots[slot];
        var cut = query.Cut;
        var altitude = cut.Movement.Altitude;
        if (other.AltitudeLow > altitude.High || altitude.Low > other.AltitudeHigh)
        {
            return;
        }

        var page = _vertices.Page(other.Page);
        var at = other.FirstVertex(otherPiece);
        var start = Math.Max(cut.StartTicks(piece), page[at].Ticks - other.ToleranceTicks);
        var end = Math.Min(cut.EndTicks(piece), page[at + 1].Ticks + other.ToleranceTicks);
        if (start > end)
        {
            return;
        }

        var widths = _queryHalfWidth + other.HalfWidthMetres;
        var threshold = widths + _separationByKind[(int)other.Kind];
        var vertices = page.AsSpan(other.FirstVertex(otherPiece), other.PieceVertices);
        ClosestPair closest;
        if (other.IsZone && !cut.IsZone && ZoneDiscs && Decided(_disks[other.Disk], query.Vertices[piece], query.Vertices[piece + 1], threshold) is { } decided)
        {
            if (!decided)
            {
                return;
            }

            // The full check would find the piece's first vertex inside the ring: a point of the overlap.
            closest = new ClosestPair(0, 0, 0, -1, 0);
        }
        else
        {
            closest = Closest(query, piece, vertices, other.IsZone);
            if (closest.Metres > threshold)
            {
                return;
            }
        }

        ref var found = ref Hit(slot);
        found.StartTicks = Math.Min(found.StartTicks, start);
        found.EndTicks = Math.Max(found.EndTicks, end);
        found.Pairs++;
        _pairs.Add(_foundIndex[slot]);
        _pairs.Add(piece);
        _pairs.Add(otherPiece);
        var separation = closest.Metres - widths;
        if (separation < found.MinSeparationMetres
            || (separation == found.MinSeparationMetres && (piece, otherPiece).CompareTo((found.BestPiece, found.BestOtherPiece)) < 0))
        {
            (found.MinSeparationMetres, found.BestPiece, found.BestOtherPiece) = (separation, piece, otherPiece);
            (found.X, found.Y, found.Z) = Midpoint(closest, query.Vertices.Slice(cut.FirstVertex(piece), cut.PieceVertices), vertices);
        }
    }

    // Whether a route piece AB surely conflicts with a zone (its first vertex deep inside) or surely does not (far
    // outside), or null when only the full check can tell (ZoneDisk says why the answer is the full check's).
    private static bool? Decided(in ZoneDisk disk, in Vertex a, in Vertex b, double threshold) =>
        disk.Contains(a) ? true : disk.FartherThan(a, b, threshold) ? false : null;

    // The closest pair of query piece i and a candidate's vertices, projected onto the piece's plane: two dot products
    // per vertex, no trigonometry.
    private static ClosestPair Closest(QueryPieces query, int piece, ReadOnlySpan<Vertex> vertices, bool ring)
    {
        var count = vertices.Length;
        double[]? rented = null;
        var scratch = count <= 64 ? stackalloc double[2 * count] : (rented = ArrayPool<double>.Shared.Rent(2 * count)).AsSpan(0, 2 * count);
        var xb = scratch[..count];
        var yb = scratch.Slice(count, count);
        ref readonly var plane = ref query.Plane(piece);
        for (var v = 0; v < count; v++)
        {
            (xb[v], yb[v]) = plane.Project(vertices[v].X, vertices[v].Y, vertices[v].Z);
        }

        var closest = Proximity.Closest(query.ProjectedX(piece), query.ProjectedY(piece), query.Cut.IsZone, xb, yb, ring);
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        return closest;
    }

    // The point midway between the closest points, in ECEF (edges as chords: centimetres from the geodesic for pieces of
    // a few kilometres); the point is informative, not part of the definition.
    private static (double X, double Y, double Z) Midpoint(in ClosestPair closest, ReadOnlySpan<Vertex> a, ReadOnlySpan<Vertex> b)
    {
        if (closest.EdgeA < 0)
        {
            return (b[closest.EdgeB].X, b[closest.EdgeB].Y, b[closest.EdgeB].Z);
        }

        if (closest.EdgeB < 0)
        {
            return (a[closest.EdgeA].X, a[closest.EdgeA].Y, a[closest.EdgeA].Z);
        }

        var (ax, ay, az) = Along(a, closest.EdgeA, closest.S);
        var (bx, by, bz) = Along(b, closest.EdgeB, closest.T);
        return ((ax + bx) / 2, (ay + by) / 2, (az + bz) / 2);
    }

    private static (double X, double Y, double Z) Along(ReadOnlySpan<Vertex> shape, int edge, double parameter)
    {
        ref readonly var from = ref shape[edge];
        ref readonly var to = ref shape[Math.Min(edge + 1, shape.Length - 1)];
        return (from.X + ((to.X - from.X) * parameter), from.Y + ((to.Y - from.Y) * parameter), from.Z + ((to.Z - from.Z) * parameter));
    }

    private ref Found Hit(int slot)
    {
        if (_foundStamp[slot] == _stamp)
        {
            return ref _found[_foundIndex[slot]];
        }

        if (_foundCount == _found.Length)
        {
            Array.Resize(ref _found, 2 * _foundCount);
        }

        (_foundStamp[slot], _foundIndex[slot]) = (_stamp, _foundCount);
        ref var found = ref _found[_foundCount++];
        found = new Found { Slot = slot, StartTicks = long.MaxValue, EndTicks = long.MinValue, MinSeparationMetres = double.PositiveInfinity };
        return ref found;
    }

    private void File(in GridEntry entry, bool add)
    {
        var (key, levelPair) = GridKey.Of(entry);
        _shards[GridShard.Of(key)].File(key, levelPair, entry, add);
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
