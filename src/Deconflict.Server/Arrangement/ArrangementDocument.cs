using System.Globalization;
using System.Text.Json;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Server.Acts;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Arrangement;

/// <summary>
/// The arrangement's JSON form:
/// <c>{"version","parties":[{"name","key"}],"coalitions":[["a","b"]],"minimumNoticeS","separationM":{"ground|ground":500},
/// "responseDeadlineS","escalationChain":[…,"hotline"],"proximityM":{…},"closingSpeedMps","closingDurationS"}</c>.
/// </summary>
internal static class ArrangementDocument
{
    /// <summary>Reads the terms.</summary>
    /// <exception cref="ActException"><c>arrangement.invalid</c> naming the field at fault (prefixed by <paramref name="at"/>).</exception>
    public static ArrangementTerms Read(JsonElement doc, string at = "arrangement")
    {
        try
        {
            if (doc.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, "The arrangement should be a JSON object");
            }

            var parties = Array(doc, "parties", at).Select((p, i) =>
            {
                var name = String(p, "name", $"{at}.parties[{i}]");
                if (name == ActKinds.Operator)
                {
                    throw Invalid($"{at}.parties[{i}].name", "'operator' is reserved for the server's own acts");
                }

                return new PartyTerms(Party(name, $"{at}.parties[{i}].name"), String(p, "key", $"{at}.parties[{i}]"));
            }).ToList();
            var coalitions = doc.TryGetProperty("coalitions", out _)
                ? Array(doc, "coalitions", at).Select((c, i) => c.EnumerateArray().Select((m, j) => Party(m.GetString() ?? "", $"{at}.coalitions[{i}][{j}]")).ToList()).ToList()
                : [];
            return new ArrangementTerms(
                Int(doc, "version", at),
                parties,
                coalitions,
                TimeSpan.FromSeconds(Number(doc, "minimumNoticeS", at)),
                Pairs(doc, "separationM", at),
                TimeSpan.FromSeconds(Number(doc, "responseDeadlineS", at)),
                Array(doc, "escalationChain", at).Select(l => l.GetString() ?? "").ToList(),
                Pairs(doc, "proximityM", at),
                doc.TryGetProperty("closingSpeedMps", out _) ? Number(doc, "closingSpeedMps", at) : 0,
                TimeSpan.FromSeconds(doc.TryGetProperty("closingDurationS", out _) ? Number(doc, "closingDurationS", at) : 0));
        }
        catch (ArrangementException e)
        {
            throw new ActException(e.Code, e.Message, $"{at}.{e.Field}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ActException("arrangement.invalid", e.Message, at);
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

    private static Dictionary<KindPair, Distance> Pairs(JsonElement doc, string name, string at)
    {
        var pairs = new Dictionary<KindPair, Distance>();
        if (!doc.TryGetProperty(name, out var map))
        {
            return pairs;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{at}.{name}", $"{name} should map 'kind|kind' to metres");
        }

        foreach (var p in map.EnumerateObject())
        {
            try
            {
                pairs[KindPair.Parse(p.Name)] = Distance.FromMetres(p.Value.GetDouble());
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw Invalid($"{at}.{name}.{p.Name}", e.Message);
            }
        }

        return pairs;
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement doc, string name, string at) =>
        doc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw Invalid($"{at}.{name}", $"{name} should be an array");

    private static string String(JsonElement doc, string name, string at) =>
        doc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Invalid($"{at}.{name}", $"{name} should be a non-empty string");

    private static double Number(JsonElement doc, string name, string at) =>
        doc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Invalid($"{at}.{name}", $"{name} should be a number");

    private static int Int(JsonElement doc, string name, string at) =>
        doc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Invalid($"{at}.{name}", $"{name} should be an integer");

    private static ActException Invalid(string field, string detail) =>
        new("arrangement.invalid", string.Create(CultureInfo.InvariantCulture, $"{field}: {detail}"), field);
}
