using System.Collections.ObjectModel;
using Deconflict.Declare;

namespace Deconflict.Track;

// Who is told of an alert (need-to-know): a single unit's alert discloses its position, so it goes only to its party,
// the coalition partners, and the parties with a unit within the audience reach; a pair alert to the pair's two parties.
public sealed partial class Tracker
{
    private readonly double _audienceReachMetres;
    private PartyId[][] _allies = [];
    private readonly Dictionary<(int, int), ReadOnlyCollection<PartyId>> _pairAudiences = [];
    private bool[] _near = [];

    // The audience of unit i's own alert, from where the grid has every tracked unit now.
    private PartyId[] SingleAudience(int i)
    {
        ref var u = ref _units[i];
        if (_near.Length < _parties.Count)
        {
            _near = new bool[_parties.Count];
        }

        var reach = _audienceReachMetres;
        var reach2 = reach * reach;
        var others = new List<PartyId>(_allies[u.Party]);
        foreach (var members in _grid.Around(u.Latitude, u.Longitude, AudienceCells))
        {
            for (var k = 0; k < members.Count; k++)
            {
                var party = members.Parties[k];
                var dy = (members.Latitudes[k] - u.Latitude) * u.North;
                var dx = (members.Longitudes[k] - u.Longitude) * u.East;
                if (party != u.Party && !_near[party] && (dx * dx) + (dy * dy) <= reach2)
                {
                    _near[party] = true;
                    if (_hostile[u.Party][party])
                    {
                        others.Add(_parties[party]);
                    }
                }
            }
        }

        Array.Clear(_near);
        others.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return [_parties[u.Party], .. others];
    }

    // The audience of a pair alert: its two parties, one read-only list per ordered pair of parties, shared by its alerts.
    private ReadOnlyCollection<PartyId> PairAudience(int party, int otherParty)
    {
        if (!_pairAudiences.TryGetValue((party, otherParty), out var audience))
        {
            _pairAudiences[(party, otherParty)] = audience = new([_parties[party], _parties[otherParty]]);
        }

        return audience;
    }

    // The audience reach in units of the grid's reach (its half-cell), which it never exceeds: see the constructor.
    private const double AudienceCells = 2;

    // Called when a party is first seen, with the coalition partners the rules name (registered units or not).
    private void AddAllies(PartyId party)
    {
        var allies = _rules.AlliesOf(party).ToArray();
        Array.Sort(allies, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        _allies = [.. _allies, allies];
    }
}
