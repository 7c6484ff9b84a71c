using System.Numerics;
using System.Runtime.Intrinsics;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Track;

/// <summary>The live tracker: per-unit state fed by position reports, raising and clearing proximity, closing,
/// conformance and stale alerts. Pure: no I/O, no clock; every time is the caller's.</summary>
/// <remarks>
/// <para>Register each unit once (<see cref="Register"/>), give it its cleared movement if it has one
/// (<see cref="AssignCorridor"/>), then feed <see cref="Report"/> with positions in time order per unit, and call
/// <see cref="Sweep"/> periodically for stale tracks. Alerts are appended to the list passed in; each raised alert is
/// cleared at most once, and never raised again before it has cleared.</para>
/// <para>Pairs are found through a uniform grid whose cells are twice the largest distance any rule looks at
/// (<see cref="TrackingRules"/>' proximity thresholds and closing range): only the (at most) 2 × 2 cells around a
/// reporting unit are searched, and a pair with a raised alert is re-checked on every report of either unit wherever
/// they go. A report
/// allocates nothing unless it raises or clears an alert or a pair starts to be watched. Distances use the local
/// ellipsoidal tangent plane (relative error below 1e-5 at these ranges). Neighbours' positions are their last
/// reports, not extrapolated; tracks marked stale are not paired until they report again.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: one writer at a time (the server runs the tracker on one loop).</threadsafety>
public sealed partial class Tracker
{
    private const int KindCount = 3;

    private readonly TrackingRules _rules;
    private readonly UniformGrid _grid;
    private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);
    private readonly Dictionary<PartyId, int> _partyIndexOf = [];
    private readonly List<PartyId> _parties = [];
    private bool[][] _hostile = [];
    private Unit[] _units = new Unit[16];
    private string[] _ids = new string[16];
    private int _count;
    private int[] _watchedBy = [];
    private int _watchedMark;

    // Rules unpacked into what the hot path compares against.
    private readonly double[] _proximityMetres = new double[KindCount * KindCount];
    private readonly double[] _clearMetres = new double[KindCount * KindCount];
    private readonly double _reachMetres;

    /// <summary>Creates an empty tracker.</summary>
    public Tracker(TrackingRules rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        for (var a = 0; a < KindCount; a++)
        {
            for (var b = 0; b < KindCount; b++)
            {
                _proximityMetres[(a * KindCount) + b] = rules.ProximityMetres((UnitKind)a, (UnitKind)b);
                _clearMetres[(a * KindCount) + b] = rules.ClearMetres((UnitKind)a, (UnitKind)b);
            }
        }

        _reachMetres = rules.ReachMetres;
        // AudienceReach is 2 × the reach; the grid's reach is 1.001 × it, so AudienceCells × the grid's reach covers it.
        _audienceReachMetres = rules.AudienceReach.Metres;
        // A little wider than the reach, so rounding in the cell arithmetic can never separate a pair at the reach.
        _grid = new UniformGrid(Math.Max(_reachMetres, 1) * 1.001);
        _closingRangeMetres = rules.ClosingRange.Metres;
        _closingClearRangeMetres = rules.ClosingRange.Metres * rules.ClearRatio;
        _closingDurationTicks = rules.ClosingDuration.Ticks;
        _staleTicks = rules.StaleAfter.Ticks;
    }

    /// <summary>The rules in force.</summary>
    public TrackingRules Rules => _rules;

    /// <summary>How many units are registered.</summary>
    public int UnitCount => _count;

    /// <summary>Registers a unit.</summary>
    /// <exception cref="ArgumentException"><paramref name="unitId"/> is empty or already registered.</exception>
    public UnitHandle Register(string unitId, PartyId party, UnitKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(unitId);
        if (_indexOf.ContainsKey(unitId))
        {
            throw new ArgumentException($"Unit '{unitId}' is already registered", nameof(unitId));
        }

        if (_count == _units.Length)
        {
            Array.Resize(ref _units, _count * 2);
            Array.Resize(ref _ids, _count * 2);
        }

        var index = _count++;
        _units[index] = new Unit { Party = PartyIndex(party), Kind = kind };
        _ids[index] = unitId;
        _indexOf.Add(unitId, index);
        return new UnitHandle(index);
    }

    /// <summary>Finds a registered unit by id.</summary>
    public bool TryGetHandle(string unitId, out UnitHandle handle)
    {
        var found = _indexOf.TryGetValue(unitId, out var index);
        handle = new UnitHandle(index);
        return found;
    }

    /// <summary>Sets or removes (<see langword="null"/>) the unit's cleared movement; it applies from the unit's next report.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a unit of this tracker.</exception>
    public void AssignCorridor(UnitHandle unit, ICorridor? corridor) => UnitAt(unit).Corridor = corridor;

    /// <summary>What the tracker knows about a unit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a unit of this tracker.</exception>
    public TrackedUnit GetUnit(UnitHandle unit)
    {
        ref var u = ref UnitAt(unit);
        return new TrackedUnit(
            _ids[unit.Index], _parties[u.Party], u.Kind,
            u.HasPosition ? Wgs84.FromLonLatTrusted(u.Longitude, u.Latitude) : null,
            u.HasPosition ? new DateTimeOffset(u.Ticks, TimeSpan.Zero) : null,
            u.EastSpeed, u.NorthSpeed, u.Stale);
    }

    /// <summary>Takes one position report and appends the alerts it raises or clears.</summary>
    /// <param name="unit">The reporting unit.</param>
    /// <param name="position">Where it is.</param>
    /// <param name="time">When it was there; must be later than the unit's previous report.</param>
    /// <param name="alerts">Where alerts are appended; nothing is appended when nothing changes.</param>
    /// <returns><see langword="false"/>, changing nothing, when <paramref name="time"/> is not after the unit's previous report.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a unit of this tracker.</exception>
    public bool Report(UnitHandle unit, Wgs84 position, DateTimeOffset time, List<TrackAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var i = unit.Index;
        ref var u = ref UnitAt(unit);
        var ticks = time.UtcTicks;
        if (u.HasPosition && ticks <= u.Ticks)
        {
            return false;
        }

        var latitude = position.Latitude;
        var longitude = position.Longitude;
        LocalMetres.PerDegree(latitude, out var north, out var east);
        var cell = _grid.CellOf(latitude, longitude);
        if (u.HasPosition)
        {
            UpdateVelocity(ref u, latitude, longitude, north, east, ticks);
        }

        // A stale unit was taken out of the grid by Sweep; it goes back in with this report.
        if (!u.HasPosition || u.Stale)
        {
            _grid.Add(cell, i, u.Party, latitude, longitude);
        }
        else if (cell != u.Cell)
        {
            _grid.Remove(i, u.Cell);
            _grid.Add(cell, i, u.Party, latitude, longitude);
        }
        else
        {
            _grid.Move(i, cell, latitude, longitude);
        }

        u.Cell = cell;
        u.Latitude = latitude;
        u.Longitude = longitude;
        u.North = north;
        u.East = east;
        u.Ticks = ticks;
        u.HasPosition = true;
        if (u.Stale)
        {
            u.Stale = false;
            alerts.Add(Single(TrackAlertKind.Stale, AlertTransition.Cleared, i, null, time));
        }

        CheckConformance(i, ref u, position, time, alerts);

        // Pairs already watched first, wherever the two are now; backwards, because a pair that ends is swap-removed.
        for (var k = u.PairCount - 1; k >= 0; k--)
        {
            EvaluateWatched(i, k, ticks, time, alerts);
        }

        SearchNeighbours(i, ref u, ticks, time, alerts);
        return true;
    }

    /// <summary>Marks tracks with no report for longer than the stale age as stale, appending a <see cref="TrackAlertKind.Stale"/> alert for each.</summary>
    /// <param name="now">The caller's current time.</param>
    /// <param name="alerts">Where alerts are appended.</param>
    public void Sweep(DateTimeOffset now, List<TrackAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var nowTicks = now.UtcTicks;
        for (var i = 0; i < _count; i++)
        {
            ref var u = ref _units[i];
            if (u.HasPosition && !u.Stale && nowTicks - u.Ticks > _staleTicks)
            {
                u.Stale = true;
                _grid.Remove(i, u.Cell);
                alerts.Add(Single(TrackAlertKind.Stale, AlertTransition.Raised, i, null, now));
            }
        }
    }

    private void UpdateVelocity(ref Unit u, double latitude, double longitude, double north, double east, long ticks)
    {
        var seconds = (ticks - u.Ticks) / (double)TimeSpan.TicksPerSecond;
        var ve = (longitude - u.Longitude) * (east + u.East) * 0.5 / seconds;
        var vn = (latitude - u.Latitude) * (north + u.North) * 0.5 / seconds;
        var weight = u.HasVelocity ? _rules.VelocitySmoothing : 1;
        u.EastSpeed = (weight * ve) + ((1 - weight) * u.EastSpeed);
        u.NorthSpeed = (weight * vn) + ((1 - weight) * u.NorthSpeed);
        u.HasVelocity = true;
    }

    private void SearchNeighbours(int i, ref Unit u, long ticks, DateTimeOffset time, List<TrackAlert> alerts)
    {
        // The units this one is already watched with are marked, so a neighbour is looked up once instead of in a list.
        if (++_watchedMark == int.MaxValue)
        {
            Array.Clear(_watchedBy);
            _watchedMark = 1;
        }

        if (_watchedBy.Length < _units.Length)
        {
            Array.Resize(ref _watchedBy, _units.Length);
        }

        for (var k = 0; k < u.PairCount; k++)
        {
            _watchedBy[u.Pairs![k].Other] = _watchedMark;
        }

        var hostile = _hostile[u.Party];
        // Slightly generous (0.1 %), so that this cheap test, which uses this unit's scale factors for both, never
        // rejects a pair that the exact test in EvaluateNew would keep, even at high latitudes.
        var roughReach = _reachMetres * 1.001;
        var rough2 = Vector256.Create(roughReach * roughReach);
        var latitude = Vector256.Create(u.Latitude);
        var longitude = Vector256.Create(u.Longitude);
        var north = Vector256.Create(u.North);
        var east = Vector256.Create(u.East);
        foreach (var members in _grid.Around(u.Latitude, u.Longitude))
        {
            // Whole vectors, past the count if need be (see CellMembers): lanes past it are dropped from the mask.
            var latitudes = members.Latitudes;
            var longitudes = members.Longitudes;
            var count = members.Count;
            for (var k = 0; k < count; k += Vector256<double>.Count)
            {
                // Most members are farther than the reach: tested four at a time, without a branch per member.
                var dy = (Vector256.Create(latitudes.Slice(k, Vector256<double>.Count)) - latitude) * north;
                var dx = (Vector256.Create(longitudes.Slice(k, Vector256<double>.Count)) - longitude) * east;
                var near = Vector256.ExtractMostSignificantBits(Vector256.LessThanOrEqual((dx * dx) + (dy * dy), rough2));
                near &= (1u << Math.Min(count - k, Vector256<double>.Count)) - 1;
                while (near != 0)
                {
                    var j = k + BitOperations.TrailingZeroCount(near);
                    near &= near - 1;
                    var other = members.Units[j];
                    if (other != i && hostile[members.Parties[j]] && _watchedBy[other] != _watchedMark)
                    {
                        EvaluateNew(i, other, ticks, time, alerts);
                    }
                }
            }
        }
    }

    private ref Unit UnitAt(UnitHandle unit)
    {
        if ((uint)unit.Index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit.Index, "Not a unit of this tracker");
        }

        return ref _units[unit.Index];
    }

    private int PartyIndex(PartyId party)
    {
        if (_partyIndexOf.TryGetValue(party, out var index))
        {
            return index;
        }

        index = _parties.Count;
        _parties.Add(party);
        _partyIndexOf.Add(party, index);
        AddAllies(party);
        _hostile = new bool[_parties.Count][];
        for (var p = 0; p < _parties.Count; p++)
        {
            _hostile[p] = new bool[_parties.Count];
            for (var q = 0; q < _parties.Count; q++)
            {
                _hostile[p][q] = !_rules.AreAllied(_parties[p], _parties[q]);
            }
        }

        return index;
    }

    private TrackAlert Single(TrackAlertKind kind, AlertTransition transition, int i, Distance? distance, DateTimeOffset time)
    {
        ref var u = ref _units[i];
        return new TrackAlert(kind, transition, _ids[i], _parties[u.Party], null, null, distance, null,
            Wgs84.FromLonLatTrusted(u.Longitude, u.Latitude), time) { Audience = SingleAudience(i) };
    }

    [Flags]
    private enum Conformance
    {
        None = 0,
        OutsideCorridor = 1,
        AheadOfSchedule = 2,
        BehindSchedule = 4,
        OutsideTimeWindow = 8,
        MovingWithoutClearance = 16,
    }

    private struct Unit
    {
        public int Party;
        public UnitKind Kind;
        public bool HasPosition;
        public bool HasVelocity;
        public bool Stale;
        public double Latitude;
        public double Longitude;
        public double North;       // metres per degree of latitude here
        public double East;        // metres per degree of longitude here
        public long Ticks;         // UTC ticks of the last report
        public double EastSpeed;   // m/s
        public double NorthSpeed;  // m/s
        public long Cell;
        public PairLink[]? Pairs;  // the watched pairs this unit is in
        public int PairCount;
        public ICorridor? Corridor;
        public Conformance Raised;
    }
}
