using System.Globalization;
using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Arrangement.Text;

/// <summary>
/// Reads the <c>arrangement</c> object of an arrangement document (the fields <c>deconflict init arrangement</c> writes)
/// into <see cref="ArrangementTerms"/>: <c>{"version","parties":[{"name","key"}],"coalitions":[["a","b"]],"minimumNoticeS",
/// "separationM":{"ground|ground":500},"responseDeadlineS","escalationChain":[…,"hotline"],"proximityM":{…},
/// "closingSpeedMps","closingDurationS"}</c>. The server, the demo and the evidence-bundle verifier all read it here.
/// </summary>
/// <threadsafety>Stateless; safe to call from several threads.</threadsafety>
public static class ArrangementReader
{
    /// <summary>Reads the terms.</summary>
    /// <param name="arrangement">The <c>arrangement</c> object (not the signed document around it).</param>
    /// <exception cref="ArrangementException">A field is missing, malformed or breaks a rule; <see cref="ArrangementException.Field"/>
    /// is its JSON path within the object (e.g. <c>parties[1].name</c>).</exception>
    public static ArrangementTerms Read(JsonElement arrangement)
    {
        if (arrangement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("", "The arrangement should be a JSON object");
        }

        try
        {
            var parties = Array(arrangement, "parties", "").Select((p, i) =>
                new PartyTerms(Party(String(p, "name", $"parties[{i}]"), $"parties[{i}].name"), String(p, "key", $"parties[{i}]"))).ToList();
            var coalitions = arrangement.TryGetProperty("coalitions", out _)
                ? Array(arrangement, "coalitions", "").Select((c, i) => c.EnumerateArray().Select((m, j) => Party(m.GetString() ?? "", $"coalitions[{i}][{j}]")).ToList()).ToList()
                : [];
            return new ArrangementTerms(
                Int(arrangement, "version"),
                parties,
                coalitions,
                TimeSpan.FromSeconds(Number(arrangement, "minimumNoticeS")),
                Pairs(arrangement, "separationM"),
                TimeSpan.FromSeconds(Number(arrangement, "responseDeadlineS")),
                Array(arrangement, "escalationChain", "").Select(l => l.GetString() ?? "").ToList(),
                Pairs(arrangement, "proximityM"),
                arrangement.TryGetProperty("closingSpeedMps", out _) ? Number(arrangement, "closingSpeedMps") : 0,
                TimeSpan.FromSeconds(arrangement.TryGetProperty("closingDurationS", out _) ? Number(arrangement, "closingDurationS") : 0));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ArrangementException("arrangement.invalid", "", e.Message);
        }
    }

    private static PartyId Party(string name, string field)
    {
        try
        {
            return PartyId.From(name);
        }
        catch (ArgumentException e)
        {
            throw Invalid(field, e.Message);
        }
    }

    private static Dictionary<KindPair, Distance> Pairs(JsonElement arrangement, string name)
    {
        var pairs = new Dictionary<KindPair, Distance>();
        if (!arrangement.TryGetProperty(name, out var map))
        {
            return pairs;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(name, $"{name} should map 'kind|kind' to metres");
        }

        foreach (var p in map.EnumerateObject())
        {
            try
            {
                pairs[KindPair.Parse(p.Name)] = Distance.FromMetres(p.Value.GetDouble());
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw Invalid($"{name}.{p.Name}", e.Message);
            }
        }

        return pairs;
    }

    private static string Path(string at, string name) => at.Length == 0 ? name : $"{at}.{name}";

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string at) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw Invalid(Path(at, name), $"{name} should be an array");

    private static string String(JsonElement element, string name, string at) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Invalid(Path(at, name), $"{name} should be a non-empty string");

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Invalid(name, $"{name} should be a number");

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Invalid(name, $"{name} should be an integer");

    private static ArrangementException Invalid(string field, string detail) =>
        new("arrangement.invalid", field, string.Create(CultureInfo.InvariantCulture, $"{field}: {detail}"));
}
