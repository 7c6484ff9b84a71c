using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deconflict.Server.Demo;

/// <summary>One step of a scenario, in time order: who acts, when, the act kind and its body. A <c>track.batch</c> step is
/// submitted as the party's signed act; a <c>track.attested</c> step's reports are posted to <c>/v1/tracks</c>, where the
/// server attests them.</summary>
internal sealed record ScenarioEvent(DateTimeOffset At, string Party, string Kind, JsonElement Body)
{
    /// <summary>Reads the scenario's steps; a track step (<c>unit</c>, <c>path</c> of [time, lon, lat], <c>everyS</c>) becomes one
    /// event per minute of reports interpolated along its path, stamped with its last report's time.</summary>
    public static List<ScenarioEvent> Read(JsonElement scenario)
    {
        var events = new List<ScenarioEvent>();
        foreach (var step in scenario.GetProperty("steps").EnumerateArray())
        {
            var at = step.GetProperty("at").GetDateTimeOffset();
            var party = step.GetProperty("party").GetString()!;
            var kind = step.GetProperty("kind").GetString()!;
            if (step.TryGetProperty("path", out var path))
            {
                events.AddRange(Track(party, kind, step, path));
            }
            else
            {
                events.Add(new ScenarioEvent(at, party, kind, step.GetProperty("body").Clone()));
            }
        }

        // Stable: steps at the same instant keep their order in the file.
        return [.. events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e)];
    }

    private static IEnumerable<ScenarioEvent> Track(string party, string kind, JsonElement step, JsonElement path)
    {
        var unit = step.GetProperty("unit").GetString()!;
        var every = TimeSpan.FromSeconds(step.GetProperty("everyS").GetDouble());
        var alt = step.TryGetProperty("altM", out var a) ? a.GetDouble() : 0;
        var vertices = path.EnumerateArray().Select(v => (T: v[0].GetDateTimeOffset(), Lon: v[1].GetDouble(), Lat: v[2].GetDouble())).ToList();
        var reports = new List<(DateTimeOffset T, double Lon, double Lat)>();
        for (var t = vertices[0].T; t <= vertices[^1].T; t += every)
        {
            var i = Math.Max(0, vertices.FindLastIndex(v => v.T <= t));
            var (p, q) = (vertices[i], vertices[Math.Min(i + 1, vertices.Count - 1)]);
            var f = q.T == p.T ? 0 : (t - p.T) / (q.T - p.T);
            reports.Add((t, Math.Round(p.Lon + (f * (q.Lon - p.Lon)), 7), Math.Round(p.Lat + (f * (q.Lat - p.Lat)), 7)));
        }

        foreach (var batch in reports.GroupBy(r => r.T.ToUnixTimeSeconds() / 60))
        {
            var list = new JsonArray([.. batch.Select(r => (JsonNode)new JsonObject
            {
                ["unit"] = unit,
                ["time"] = r.T.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["lon"] = r.Lon,
                ["lat"] = r.Lat,
                ["altM"] = alt,
            })]);
            yield return new ScenarioEvent(batch.Last().T, party, kind, JsonSerializer.SerializeToElement(new JsonObject { ["reports"] = list }));
        }
    }
}
