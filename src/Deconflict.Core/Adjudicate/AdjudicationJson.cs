using System.Text;
using System.Text.Json;

namespace Deconflict.Adjudicate;

/// <summary>Writes an <see cref="Adjudication"/>'s incident, findings and compliant facts as JSON (the evidence bundle's
/// <c>findings.json</c>): fixed field order, UTC times with milliseconds, indented, so equal results give equal bytes.</summary>
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
