using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Internal;

namespace Deconflict.Track;

/// <summary>The live-tracking rules of an arrangement: proximity thresholds per pair of kinds, hysteresis, closing speed
/// and duration, stale age, and which parties are in a coalition.</summary>
/// <remarks>
/// <para>Immutable: the <c>With…</c> methods return changed copies. The defaults are a 500 m proximity threshold for
/// every pair of kinds, clearing at 1.2 × the threshold, a closing alert for one unit approaching another party's unit at
/// more than 5 m/s for 10 s within 500 m, stale after 60 s, "moving" above 1 m/s, a corridor clearing margin of 10 m,
/// and no coalitions.</para>
/// <para>An alert raised at distance &lt; threshold clears only at distance &gt; <see cref="ClearDistance"/>, the larger of
/// threshold × <see cref="ClearRatio"/> and threshold + <see cref="ClearMargin"/>, so a pair hovering at the threshold
/// raises once and clears once.</para>
/// <para>Equality is the record's and compares the threshold table and coalitions by reference, so it only tells copies apart.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed record TrackingRules
{
    private const int Kinds = 3;

    private TrackingRules()
    {
    }

    /// <summary>The default rules (see remarks).</summary>
    public static TrackingRules Default { get; } = new();

    // Metres, indexed by Slot(a, b); symmetric. Copied on write, so sharing between copies is safe.
    private double[] ProximityTable { get; init; } = Enumerable.Repeat(500.0, Kinds * Kinds).ToArray();

    private HashSet<PartyId>[] Coalitions { get; init; } = [];

    /// <summary>How much farther than the threshold a pair must get before its proximity alert clears; at least 1. Default 1.2.</summary>
    public double ClearRatio { get; private init; } = 1.2;

    /// <summary>The smallest extra distance beyond the threshold before a proximity alert clears. Default 0 m.</summary>
    public Distance ClearMargin { get; private init; }

    /// <summary>The speed, in metres per second along the line of sight, above which a unit counts as closing on another. Default 5.</summary>
    public double ClosingSpeedMetresPerSecond { get; private init; } = 5;

    /// <summary>How long a unit must keep closing before the alert is raised. Default 10 s.</summary>
    public TimeSpan ClosingDuration { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>The distance within which closing is watched. Default 500 m.</summary>
    public Distance ClosingRange { get; private init; } = Distance.FromMetres(500);

    /// <summary>How long without a report before a track is stale. Default 60 s.</summary>
    public TimeSpan StaleAfter { get; private init; } = TimeSpan.FromSeconds(60);

    /// <summary>The speed above which a unit counts as moving (for "moving with no cleared movement"). Default 1 m/s.</summary>
    public double MovingSpeedMetresPerSecond { get; private init; } = 1;

    /// <summary>How far back inside its corridor a unit must come before an outside-corridor alert clears. Default 10 m.</summary>
    public Distance CorridorClearMargin { get; private init; } = Distance.FromMetres(10);

    /// <summary>The weight of the newest finite-difference velocity in the exponential average, in (0, 1]. Default 0.5.</summary>
    public double VelocitySmoothing { get; private init; } = 0.5;

    /// <summary>The proximity threshold for a pair of kinds (unordered).</summary>
    public Distance ProximityThreshold(UnitKind a, UnitKind b) => Distance.FromMetres(ProximityTable[Slot(a, b)]);

    /// <summary>The distance beyond which a raised proximity alert for this pair of kinds clears.</summary>
    public Distance ClearDistance(UnitKind a, UnitKind b)
    {
        var threshold = ProximityTable[Slot(a, b)];
        return Distance.FromMetres(Math.Max(threshold * ClearRatio, threshold + ClearMargin.Metres));
    }

    /// <summary>Whether two parties never alert about each other: the same party, or both in one coalition.</summary>
    public bool AreAllied(PartyId a, PartyId b) => a == b || Array.Exists(Coalitions, c => c.Contains(a) && c.Contains(b));

    /// <summary>Sets the proximity threshold for the unordered pair of kinds <paramref name="a"/>, <paramref name="b"/>.</summary>
    public TrackingRules WithProximity(UnitKind a, UnitKind b, Distance threshold)
    {
        var table = (double[])ProximityTable.Clone();
        table[Slot(a, b)] = table[Slot(b, a)] = threshold.Metres;
        return this with { ProximityTable = table };
    }

    /// <summary>Sets the same proximity threshold for every pair of kinds.</summary>
    public TrackingRules WithProximity(Distance threshold)
    {
        var rules = this;
        foreach (var a in Enum.GetValues<UnitKind>())
        {
            foreach (var b in Enum.GetValues<UnitKind>())
            {
                rules = rules.WithProximity(a, b, threshold);
            }
        }

        return rules;
    }

    /// <summary>Sets the hysteresis: clear beyond max(threshold × <paramref name="ratio"/>, threshold + <paramref name="margin"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is below 1 or not finite.</exception>
    public TrackingRules WithHysteresis(double ratio, Distance margin) =>
        this with { ClearRatio = Guard.InRange(ratio, 1, 1e6), ClearMargin = margin };

    /// <summary>Sets the closing rule: faster than <paramref name="speedMetresPerSecond"/> along the line of sight, for at least <paramref name="duration"/>, within <paramref name="range"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speedMetresPerSecond"/> is negative or not finite, or <paramref name="duration"/> is negative.</exception>
    public TrackingRules WithClosing(double speedMetresPerSecond, TimeSpan duration, Distance range) =>
        this with
        {
            ClosingSpeedMetresPerSecond = Guard.FiniteNonNegative(speedMetresPerSecond),
            ClosingDuration = duration >= TimeSpan.Zero ? duration : throw new ArgumentOutOfRangeException(nameof(duration), duration, "Value should not be negative"),
            ClosingRange = range,
        };

    /// <summary>Sets the stale age.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="staleAfter"/> is not positive.</exception>
    public TrackingRules WithStaleAfter(TimeSpan staleAfter) =>
        this with { StaleAfter = staleAfter > TimeSpan.Zero ? staleAfter : throw new ArgumentOutOfRangeException(nameof(staleAfter), staleAfter, "Value should be positive") };

    /// <summary>Sets the conformance rules: the moving speed and the corridor clearing margin.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="movingSpeedMetresPerSecond"/> is negative or not finite.</exception>
    public TrackingRules WithConformance(double movingSpeedMetresPerSecond, Distance corridorClearMargin) =>
        this with { MovingSpeedMetresPerSecond = Guard.FiniteNonNegative(movingSpeedMetresPerSecond), CorridorClearMargin = corridorClearMargin };

    /// <summary>Sets the velocity smoothing weight.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is outside (0, 1].</exception>
    public TrackingRules WithVelocitySmoothing(double weight) =>
        this with { VelocitySmoothing = weight > 0 ? Guard.InRange(weight, 0, 1) : throw new ArgumentOutOfRangeException(nameof(weight), weight, "Value should be in range (0-1]") };

    /// <summary>Adds a coalition: parties that never alert about each other.</summary>
    public TrackingRules WithCoalition(params IEnumerable<PartyId> parties) =>
        this with { Coalitions = [.. Coalitions, [.. parties]] };

    /// <summary>How near another party's unit must be for that party to be told of a unit's own alerts (outside its
    /// corridor, off schedule, outside its window, moving without clearance, stale): twice the largest distance at which
    /// any pair rule looks (the largest proximity threshold, or the closing range if larger); 1 km with the defaults.</summary>
    /// <remarks>Need-to-know: such an alert discloses the unit's position, so it goes to the unit's party, that party's
    /// coalition partners, and the parties with a unit within this distance of it, whose units it may soon concern.</remarks>
    public Distance AudienceReach => Distance.FromMetres(2 * ReachMetres);

    /// <summary>The parties in a coalition with <paramref name="party"/>, itself excluded, in no particular order.</summary>
    internal IEnumerable<PartyId> AlliesOf(PartyId party) =>
        Coalitions.Where(c => c.Contains(party)).SelectMany(c => c).Where(p => p != party).Distinct();

    /// <summary>The largest distance at which any rule looks at a pair: the grid's cell must be at least this.</summary>
    internal double ReachMetres => Math.Max(ProximityTable.Max(), ClosingRange.Metres);

    internal double ProximityMetres(UnitKind a, UnitKind b) => ProximityTable[Slot(a, b)];

    internal double ClearMetres(UnitKind a, UnitKind b) => ClearDistance(a, b).Metres;

    private static int Slot(UnitKind a, UnitKind b) => ((int)a * Kinds) + (int)b;
}
