using System.Text;
using System.Text.Json;

namespace Deconflict.Adjudicate;

/// <summary>Writes an <see cref="Adjudication"/>'s incident, findings and compliant facts as JSON (the evidence bundle's
/// <c>findings.json</c>): fixed field order, UTC times with milliseconds, indented, so equal results give equal bytes;
/// and reads the incident back, so a verifier can adjudicate the same scope again.</summary>
/// <threadsafety>Stateless; safe to call from several threads.</threadsafety>
public static class AdjudicationJson
{
    /// <summary>The UTF-8 JSON of the incident, findings and compliant facts.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="adjudication"/> is null.</exception>
    public static byte[] Write(Adjudication adjudication)
    {
        ArgumentNullException.ThrowIfNull(adjudication);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var incident = adjudication.Incident;
            w.WriteStartObject();
            w.WriteStartObject("incident");
            w.WriteString("id", incident.Id);
            w.WriteStartArray("center");
            w.WriteNumberValue(incident.Centre.Longitude);
            w.WriteNumberValue(incident.Centre.Latitude);
            w.WriteEndArray();
            w.WriteNumber("radiusM", incident.Radius.Metres);
            w.WriteString("start", Replay.Iso(incident.Window.Start));
            w.WriteString("end", Replay.Iso(incident.Window.End));
            w.WriteNumber("spaceMarginM", incident.SpaceMargin.Metres);
            w.WriteNumber("timeMarginS", incident.TimeMargin.TotalSeconds);
            w.WriteEndObject();
            WriteFindings(w, "findings", adjudication.Findings);
            WriteFindings(w, "compliant", adjudication.Compliance);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The incident of a <c>findings.json</c>: its <c>incident</c> object, as <see cref="Write"/> wrote it.</summary>
    /// <exception cref="KeyNotFoundException">A field is missing.</exception>
    /// <exception cref="InvalidOperationException">A field has the wrong JSON type.</exception>
    /// <exception cref="FormatException">A time or number is malformed.</exception>
    /// <exception cref="ArgumentException">A value is out of range (coordinates, a negative radius, an inverted window).</exception>
    public static Incident ReadIncident(JsonElement incident)
    {
        var centre = incident.GetProperty("center");
        return new Incident(
            incident.GetProperty("id").GetString() ?? "",
            Geo.Wgs84.FromLonLat(centre[0].GetDouble(), centre[1].GetDouble()),
            Geo.Distance.FromMetres(incident.GetProperty("radiusM").GetDouble()),
            Geo.TimeWindow.FromStartEnd(incident.GetProperty("start").GetDateTimeOffset(), incident.GetProperty("end").GetDateTimeOffset()),
            Geo.Distance.FromMetres(incident.GetProperty("spaceMarginM").GetDouble()),
            TimeSpan.FromSeconds(incident.GetProperty("timeMarginS").GetDouble()));
    }

    /// <summary>The same JSON as text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="adjudication"/> is null.</exception>
    public static string WriteText(Adjudication adjudication) => Encoding.UTF8.GetString(Write(adjudication));

    private static void WriteFindings(Utf8JsonWriter w, string name, IReadOnlyList<Finding> findings)
    {
        w.WriteStartArray(name);
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("party", f.Party);
            w.WriteString("rule", f.Rule);
            w.WriteString("at", Replay.Iso(f.At));
            w.WriteString("text", f.Text);
            w.WriteStartArray("entries");
            foreach (var e in f.Entries)
            {
                w.WriteNumberValue(e);
            }

            w.WriteEndArray();
            if (f.Tracks is { } tracks)
            {
                w.WriteString("tracks", tracks);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
