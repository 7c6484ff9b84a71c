using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Arrangement.Text;

/// <summary>Reads the <c>arrangement</c> object of an arrangement document (the fields <c>deconflict init arrangement</c>
/// writes) into <see cref="ArrangementTerms"/>, for readers outside the server such as the evidence-bundle verifier.</summary>
/// <threadsafety>Stateless; safe to call from several threads.</threadsafety>
public static class ArrangementReader
{
    /// <summary>Reads the terms.</summary>
    /// <param name="arrangement">The <c>arrangement</c> object (not the signed document around it).</param>
    /// <exception cref="ArrangementException">A field is missing, malformed or breaks a rule; <see cref="ArrangementException.Field"/> names it.</exception>
    public static ArrangementTerms Read(JsonElement arrangement)
    {
        try
        {
            var parties = arrangement.GetProperty("parties").EnumerateArray()
                .Select(p => new PartyTerms(PartyId.From(p.GetProperty("name").GetString() ?? ""), p.GetProperty("key").GetString() ?? "")).ToList();
            var coalitions = arrangement.TryGetProperty("coalitions", out var c)
                ? c.EnumerateArray().Select(m => m.EnumerateArray().Select(p => PartyId.From(p.GetString() ?? "")).ToList()).ToList()
                : [];
            return new ArrangementTerms(
                arrangement.GetProperty("version").GetInt32(),
                parties,
                coalitions,
                TimeSpan.FromSeconds(arrangement.GetProperty("minimumNoticeS").GetDouble()),
                Pairs(arrangement, "separationM"),
                TimeSpan.FromSeconds(arrangement.GetProperty("responseDeadlineS").GetDouble()),
                arrangement.GetProperty("escalationChain").EnumerateArray().Select(l => l.GetString() ?? "").ToList(),
                Pairs(arrangement, "proximityM"),
                arrangement.TryGetProperty("closingSpeedMps", out var s) ? s.GetDouble() : 0,
                TimeSpan.FromSeconds(arrangement.TryGetProperty("closingDurationS", out var d) ? d.GetDouble() : 0));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ArrangementException("arrangement.invalid", "arrangement", "The arrangement should have version, parties [{name, key}], minimumNoticeS, responseDeadlineS and escalationChain: " + e.Message);
        }
    }

    private static Dictionary<KindPair, Distance> Pairs(JsonElement arrangement, string name) =>
        arrangement.TryGetProperty(name, out var map)
            ? map.EnumerateObject().ToDictionary(p => KindPair.Parse(p.Name), p => Distance.FromMetres(p.Value.GetDouble()))
            : [];
}
