using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Arrangement;

/// <summary>
/// The arrangement every party signed: who the parties are, which of them form coalitions, how much notice a
/// movement needs, how far apart kinds must stay, how long a party has to answer a passage request, who a
/// request escalates to, and when live units are too close.
/// </summary>
/// <remarks>
/// <para>An arrangement is immutable; an amendment is a new instance with a higher <see cref="Version"/>, signed by
/// every party again (the signatures are ledger envelopes, kept outside this type). Separations and proximity
/// thresholds not listed are zero. The escalation chain is ordered from the first level a request goes to after
/// its first deadline up to its last level, which is always <c>hotline</c>.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class ArrangementTerms
{
    /// <summary>The name of the last escalation level, the line between the most senior levels of both parties.</summary>
    public const string Hotline = "hotline";

    private readonly Dictionary<PartyId, int> _coalitionOf = [];

    /// <summary>Creates and validates an arrangement.</summary>
    /// <param name="version">The version, from 1; each amendment increases it.</param>
    /// <param name="parties">At least two parties with distinct names.</param>
    /// <param name="coalitions">Sets of at least two known parties; a party belongs to at most one.</param>
    /// <param name="minimumNotice">How long before its start a movement must be declared; not negative.</param>
    /// <param name="separations">Extra distance per unordered kind pair; missing pairs are zero.</param>
    /// <param name="responseDeadline">How long an addressee has to answer a request at each level; positive.</param>
    /// <param name="escalationChain">Distinct level names, ending with <see cref="Hotline"/>.</param>
    /// <param name="proximityThresholds">Live alert distance per kind pair; missing pairs are zero (no alert).</param>
    /// <param name="closingSpeedMetresPerSecond">Closing speed above which two units within the threshold alert; finite, not negative.</param>
    /// <param name="closingDuration">How long ahead the closing check looks; not negative.</param>
    /// <exception cref="ArrangementException">A rule above is broken; <see cref="ArrangementException.Field"/> names the field.</exception>
    public ArrangementTerms(
        int version,
        IEnumerable<PartyTerms> parties,
        IEnumerable<IEnumerable<PartyId>> coalitions,
        TimeSpan minimumNotice,
        IReadOnlyDictionary<KindPair, Distance> separations,
        TimeSpan responseDeadline,
        IEnumerable<string> escalationChain,
        IReadOnlyDictionary<KindPair, Distance> proximityThresholds,
        double closingSpeedMetresPerSecond,
        TimeSpan closingDuration)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(coalitions);
        ArgumentNullException.ThrowIfNull(separations);
        ArgumentNullException.ThrowIfNull(escalationChain);
        ArgumentNullException.ThrowIfNull(proximityThresholds);
        Check(version >= 1, "version", $"The version should be 1 or more; got {version}");
        Version = version;

        Parties = [.. parties];
        Check(Parties.Count >= 2, "parties", $"An arrangement needs at least two parties; got {Parties.Count}");
        for (var i = 0; i < Parties.Count; i++)
        {
            Check(Parties.Take(i).All(p => p.Id != Parties[i].Id), $"parties[{i}].name", $"The party '{Parties[i].Id}' is listed twice");
        }

        Coalitions = [.. coalitions.Select(c => (IReadOnlyList<PartyId>)[.. c])];
        for (var c = 0; c < Coalitions.Count; c++)
        {
            Check(Coalitions[c].Count >= 2, $"coalitions[{c}]", "A coalition needs at least two parties");
            for (var m = 0; m < Coalitions[c].Count; m++)
            {
                var member = Coalitions[c][m];
                Check(IsParty(member), $"coalitions[{c}][{m}]", $"The coalition member '{member}' is not a party");
                Check(_coalitionOf.TryAdd(member, c), $"coalitions[{c}][{m}]", $"The party '{member}' is in more than one coalition");
            }
        }

        Check(minimumNotice >= TimeSpan.Zero, "minimumNoticeS", "The minimum notice should not be negative");
        MinimumNotice = minimumNotice;
        Separations = new Dictionary<KindPair, Distance>(separations);
        Check(responseDeadline > TimeSpan.Zero, "responseDeadlineS", "The response deadline should be positive");
        ResponseDeadline = responseDeadline;

        EscalationChain = [.. escalationChain];
        Check(EscalationChain.Count > 0 && EscalationChain[^1] == Hotline, "escalationChain", "The escalation chain should end with 'hotline'");
        for (var i = 0; i < EscalationChain.Count; i++)
        {
            Check(!string.IsNullOrWhiteSpace(EscalationChain[i]), $"escalationChain[{i}]", "An escalation level needs a name");
            Check(EscalationChain.Take(i).All(l => l != EscalationChain[i]), $"escalationChain[{i}]", $"The level '{EscalationChain[i]}' is listed twice");
        }

        ProximityThresholds = new Dictionary<KindPair, Distance>(proximityThresholds);
        Check(double.IsFinite(closingSpeedMetresPerSecond) && closingSpeedMetresPerSecond >= 0, "closingSpeedMps", "The closing speed should be finite and not negative");
        ClosingSpeedMetresPerSecond = closingSpeedMetresPerSecond;
        Check(closingDuration >= TimeSpan.Zero, "closingDurationS", "The closing duration should not be negative");
        ClosingDuration = closingDuration;
    }

    /// <summary>The version, from 1.</summary>
    public int Version { get; }

    /// <summary>The parties, in the order the document lists them.</summary>
    public IReadOnlyList<PartyTerms> Parties { get; }

    /// <summary>The coalitions: parties in one never conflict with each other and share visibility.</summary>
    public IReadOnlyList<IReadOnlyList<PartyId>> Coalitions { get; }

    /// <summary>How long before its start a movement must be declared; a later declaration is marked short-notice.</summary>
    public TimeSpan MinimumNotice { get; }

    /// <summary>The extra separation per unordered kind pair; pairs not listed are zero.</summary>
    public IReadOnlyDictionary<KindPair, Distance> Separations { get; }

    /// <summary>How long an addressee has to answer a passage request before it escalates one level.</summary>
    public TimeSpan ResponseDeadline { get; }

    /// <summary>The escalation levels in order; the last is <see cref="Hotline"/>.</summary>
    public IReadOnlyList<string> EscalationChain { get; }

    /// <summary>The live proximity alert distance per unordered kind pair; pairs not listed are zero.</summary>
    public IReadOnlyDictionary<KindPair, Distance> ProximityThresholds { get; }

    /// <summary>The closing speed in metres per second above which units within the threshold alert.</summary>
    public double ClosingSpeedMetresPerSecond { get; }

    /// <summary>How far ahead the closing check looks.</summary>
    public TimeSpan ClosingDuration { get; }

    /// <summary>Whether <paramref name="party"/> is one of the parties.</summary>
    public bool IsParty(PartyId party) => Parties.Any(p => p.Id == party);

    /// <summary>Whether two distinct parties are in the same coalition (a party is never its own ally here).</summary>
    public bool AreAllies(PartyId a, PartyId b) =>
        a != b && _coalitionOf.TryGetValue(a, out var ca) && _coalitionOf.TryGetValue(b, out var cb) && ca == cb;

    /// <summary>The separation for a kind pair, zero when not listed.</summary>
    public Distance SeparationFor(KindPair pair) => Separations.TryGetValue(pair, out var d) ? d : Distance.Zero;

    private static void Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArrangementException("arrangement.invalid", field, message);
        }
    }
}
