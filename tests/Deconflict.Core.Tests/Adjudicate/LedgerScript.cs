using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Adjudicate;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Tests.Adjudicate;

// Writes the entries the server would: declarations, the operator's conflict checks, answers, escalations, tracks.
internal sealed class LedgerScript
{
    public static readonly DateTimeOffset T0 = new(2020, 8, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, long> _seq = [];

    public List<RecordedAct> Acts { get; } = [];

    public static ArrangementTerms Terms() => new(
        1,
        [new PartyTerms(PartyId.From("usa"), "usa+00000000+AAAA"), new PartyTerms(PartyId.From("sdf"), "sdf+00000000+AAAA"), new PartyTerms(PartyId.From("rus"), "rus+00000000+AAAA")],
        [[PartyId.From("usa"), PartyId.From("sdf")]],
        TimeSpan.FromHours(1),
        new Dictionary<KindPair, Distance>(),
        TimeSpan.FromMinutes(15),
        ["duty-officer", ArrangementTerms.Hotline],
        new Dictionary<KindPair, Distance> { [KindPair.Of("ground", "ground")] = Distance.FromMetres(100), [KindPair.Of("air", "ground")] = Distance.FromMetres(150) },
        5,
        TimeSpan.FromSeconds(30));

    public static Incident Incident() => new(
        "inc-1", Wgs84.FromLonLat(42.13, 37.16), Distance.FromMetres(3000),
        TimeWindow.FromStartEnd(T0, T0.AddHours(1)), Distance.FromMetres(2000), TimeSpan.FromHours(1));

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    public long Add(string party, DateTimeOffset time, string kind, JsonNode body)
    {
        var seq = _seq[party] = _seq.GetValueOrDefault(party) + 1;
        var index = Acts.Count;
        Acts.Add(new RecordedAct(index, party, seq, time, kind, JsonSerializer.SerializeToElement(body)));
        return index;
    }

    /// <summary>Declares a ground route along the given [lon,lat] vertices at the given minutes after T0.</summary>
    public long Declare(string party, DateTimeOffset at, string id, (double Lon, double Lat, double Minutes)[] route, string[] units,
        string kind = "ground", double halfWidthM = 100, double toleranceS = 300, string act = ActKindNames.Declare) =>
        Add(party, at, act, new JsonObject
        {
            ["feature"] = new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = id,
                ["geometry"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray([.. route.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat))]) },
                ["properties"] = new JsonObject
                {
                    ["party"] = party,
                    ["kind"] = kind,
                    ["times"] = new JsonArray([.. route.Select(p => (JsonNode)Iso(At(p.Minutes)))]),
                    ["halfWidthM"] = halfWidthM,
                    ["toleranceS"] = toleranceS,
                    ["altitudeM"] = kind == "air" ? new JsonArray(0, 300) : new JsonArray(0, 0),
                    ["units"] = new JsonArray([.. units.Select(u => (JsonNode)u)]),
                },
            },
        });

    /// <summary>The operator's conflict check of version 1 (or <paramref name="version"/>), opening one request per addressee.</summary>
    public long Checked(DateTimeOffset at, string movementId, string[] to, int version = 1) =>
        Add("operator", at, ActKindNames.Checked, new JsonObject
        {
            ["movementId"] = movementId,
            ["version"] = version,
            ["requests"] = new JsonArray([.. to.Select(p => (JsonNode)new JsonObject
            {
                ["requestId"] = RequestId(movementId, p, version), ["to"] = p, ["conflictCount"] = 1, ["conflicts"] = new JsonArray(),
            })]),
        });

    public static string RequestId(string movementId, string to, int version = 1) => $"{movementId}~v{version}~{to}";

    public long Answer(string party, DateTimeOffset at, string kind, string requestId, string? reason = null)
    {
        var body = new JsonObject { ["requestId"] = requestId };
        if (reason is not null)
        {
            body["reason"] = reason;
        }

        return Add(party, at, kind, body);
    }

    public long Escalate(DateTimeOffset at, string requestId) => Add("operator", at, ActKindNames.Escalate, new JsonObject { ["requestId"] = requestId });

    public long Hotline(string party, DateTimeOffset at, string with, string summary) =>
        Add(party, at, ActKindNames.HotlineCall, new JsonObject { ["with"] = with, ["at"] = Iso(at), ["summary"] = summary });

    /// <summary>One track entry with reports of one unit at the given (minutes, lon, lat).</summary>
    public long Track(string party, string unit, (double Minutes, double Lon, double Lat)[] reports, bool signed = true, double altM = 0)
    {
        var list = new JsonArray([.. reports.Select(r => (JsonNode)new JsonObject
        {
            ["unit"] = unit, ["time"] = Iso(At(r.Minutes)), ["lon"] = r.Lon, ["lat"] = r.Lat, ["altM"] = altM,
        })]);
        var time = At(reports[^1].Minutes);
        return signed
            ? Add(party, time, ActKindNames.TrackBatch, new JsonObject { ["reports"] = list })
            : Add("operator", time, ActKindNames.TrackAttested, new JsonObject { ["party"] = party, ["connection"] = $"cot-tcp session for party {party}", ["reports"] = list });
    }

    /// <summary>Reports every minute from <paramref name="fromMinutes"/> to <paramref name="toMinutes"/> moving linearly between two points.</summary>
    public static (double Minutes, double Lon, double Lat)[] Line(double fromMinutes, double toMinutes, (double Lon, double Lat) from, (double Lon, double Lat) to, double stepMinutes = 1)
    {
        var steps = (int)Math.Round((toMinutes - fromMinutes) / stepMinutes);
        return [.. Enumerable.Range(0, steps + 1).Select(k =>
        {
            var f = (double)k / steps;
            return (fromMinutes + (k * stepMinutes), from.Lon + (f * (to.Lon - from.Lon)), from.Lat + (f * (to.Lat - from.Lat)));
        })];
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
