using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// The parts of the arrangement the conflict engine applies: the piece duration (<c>segmentSeconds</c>), the
/// separation per unordered pair of kinds, and the coalitions (sets of parties that never conflict with each other).
/// </summary>
/// <remarks>The default is 60 s pieces, separation 0 for every pair of kinds, no coalitions. A party never conflicts
/// with itself. Changes return new instances.</remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class ConflictRules
{
    private const int Kinds = 4;
    private readonly double[] _separationMetres;
    private readonly HashSet<(string, string)> _allied;

    private ConflictRules(TimeSpan segmentDuration, double[] separationMetres, HashSet<(string, string)> allied)
    {
        SegmentDuration = segmentDuration;
        _separationMetres = separationMetres;
        _allied = allied;
    }

    /// <summary>60 s pieces, no separation, no coalitions.</summary>
    public static ConflictRules Default { get; } = new(TimeSpan.FromSeconds(60), new double[Kinds * Kinds], []);

    /// <summary>The duration legs are cut into (<c>segmentSeconds</c>); positive.</summary>
    public TimeSpan SegmentDuration { get; }

    /// <summary>The largest separation over all pairs of kinds.</summary>
    public Distance MaxSeparation => Distance.FromMetres(_separationMetres.Max());

    /// <summary>The separation required between the two kinds (order does not matter).</summary>
    public Distance Separation(MovementKind a, MovementKind b) => Distance.FromMetres(SeparationMetres(a, b));

    /// <summary>Whether two parties never conflict: the same party, or members of one coalition.</summary>
    public bool AreAllied(PartyId a, PartyId b) => a == b || _allied.Contains(Order(a.Name, b.Name));

    /// <summary>These rules with legs cut into pieces of <paramref name="duration"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public ConflictRules WithSegmentDuration(TimeSpan duration) =>
        duration > TimeSpan.Zero ? new(duration, _separationMetres, _allied)
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, "The piece duration should be positive");

    /// <summary>These rules with <paramref name="separation"/> between kinds <paramref name="a"/> and <paramref name="b"/>.</summary>
    public ConflictRules WithSeparation(MovementKind a, MovementKind b, Distance separation)
    {
        var table = (double[])_separationMetres.Clone();
        table[((int)a * Kinds) + (int)b] = separation.Metres;
        table[((int)b * Kinds) + (int)a] = separation.Metres;
        return new(SegmentDuration, table, _allied);
    }

    /// <summary>These rules with one separation for every pair of kinds (<c>--separation-m</c>).</summary>
    public ConflictRules WithSeparation(Distance separation) =>
        new(SegmentDuration, Enumerable.Repeat(separation.Metres, Kinds * Kinds).ToArray(), _allied);

    /// <summary>These rules with one more coalition: no two of <paramref name="parties"/> conflict.</summary>
    public ConflictRules WithCoalition(IEnumerable<PartyId> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var members = parties.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToArray();
        var allied = new HashSet<(string, string)>(_allied);
        foreach (var a in members)
        {
            foreach (var b in members)
            {
                allied.Add(Order(a, b));
            }
        }

        return new(SegmentDuration, _separationMetres, allied);
    }

    internal double SeparationMetres(MovementKind a, MovementKind b) => _separationMetres[((int)a * Kinds) + (int)b];

    internal double MaxSeparationMetres(MovementKind a)
    {
        var max = 0.0;
        for (var b = 0; b < Kinds; b++)
        {
            max = Math.Max(max, _separationMetres[((int)a * Kinds) + b]);
        }

        return max;
    }

    private static (string, string) Order(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
