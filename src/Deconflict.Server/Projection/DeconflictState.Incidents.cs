using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Server.Acts;
using Deconflict.Server.Incidents;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Projection;

/// <summary>Incidents in the fold: reports and statements, and who may read them (the parties involved and their allies).</summary>
internal sealed partial class DeconflictState
{
    /// <summary>The longest incident id, in characters (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</summary>
    public const int MaxIncidentIdLength = 64;

    /// <summary>The longest description or statement, in characters.</summary>
    public const int MaxIncidentTextLength = 4000;

    /// <summary>The longest casualties or damage field, in characters.</summary>
    public const int MaxIncidentDetailLength = 1000;

    /// <summary>The largest incident radius, in metres.</summary>
    public const double MaxIncidentRadiusMetres = 50_000;

    /// <summary>The longest incident window.</summary>
    public static readonly TimeSpan MaxIncidentWindow = TimeSpan.FromDays(7);

    private readonly Dictionary<string, IncidentRecord> _incidents = new(StringComparer.Ordinal);

    /// <summary>An incident by id, or null.</summary>
    public IncidentRecord? Incident(string id) => _incidents.GetValueOrDefault(id);

    /// <summary>Every incident, in report order.</summary>
    public IEnumerable<IncidentRecord> Incidents => _incidents.Values.OrderBy(i => i.Index);

    /// <summary>Whether <paramref name="viewer"/> may read <paramref name="incident"/>: it is involved, or an ally of a party that is.</summary>
    public bool MayRead(PartyId viewer, IncidentRecord incident) => incident.Involved.Any(p => SeesWhole(viewer, PartyId.From(p)));

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex IncidentIdPattern();

    private void PlanIncident(Change change, PartyId party, JsonElement body)
    {
        var id = ActBody.Text(body, "incident");
        if (id.Length > MaxIncidentIdLength || !IncidentIdPattern().IsMatch(id))
        {
            throw ActBody.Invalid("incident", $"body.incident should be 1 to {MaxIncidentIdLength} letters, digits, '.', '_' or '-'; got '{Shorten(id)}'");
        }

        change.Subject = id;
        if (change.Act.Kind == ActKinds.IncidentStatement)
        {
            PlanStatement(change, party, id, body);
            return;
        }

        if (_incidents.ContainsKey(id))
        {
            throw new ActException("incident.id-taken", $"An incident '{id}' is already reported; add a statement to it (incident.statement) or choose another id", "body.incident");
        }

        var area = ActBody.Element(body, "area", JsonValueKind.Object);
        var centre = ReadCentre(ActBody.Element(area, "center", JsonValueKind.Array));
        var radius = ActBody.Element(area, "radiusM", JsonValueKind.Number).GetDouble();
        if (!(radius > 0 && radius <= MaxIncidentRadiusMetres))
        {
            throw ActBody.Invalid("area.radiusM", $"body.area.radiusM should be in range (0-{MaxIncidentRadiusMetres}] metres; got {radius}");
        }

        var window = ActBody.Element(body, "window", JsonValueKind.Object);
        var start = ActBody.Instant(window, "start");
        var end = ActBody.Instant(window, "end");
        if (end < start || end - start > MaxIncidentWindow)
        {
            throw ActBody.Invalid("window.end", $"body.window.end should be from body.window.start to {MaxIncidentWindow.TotalDays} days after it");
        }

        if (start > change.Act.Time)
        {
            throw ActBody.Invalid("window.start", $"body.window.start {ConflictRecord.Iso(start)} should not be after the report's time {ConflictRecord.Iso(change.Act.Time)}");
        }

        CheckText(body, "description", MaxIncidentTextLength, required: true);
        CheckText(body, "casualties", MaxIncidentDetailLength, required: false);
        CheckText(body, "damage", MaxIncidentDetailLength, required: false);
        var scope = new Adjudicate.Incident(id, centre, Distance.FromMetres(radius), TimeWindow.FromStartEnd(start, end), IncidentRecord.SpaceMargin, IncidentRecord.TimeMargin);

        // Involved: the reporter and every party whose declared movement passes through the area and window (margins included).
        var involved = _movements.Values.Where(m => scope.Concerns((Movement)m.Engine)).Select(m => m.Party.Name).Append(party.Name)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var record = new IncidentRecord(id, party.Name, -1, change.Act.Time, scope, body, involved);
        change.Incident = record;
        TellReaders(change, record, "incident.reported", new JsonObject
        {
            ["incident"] = id,
            ["reporter"] = party.Name,
            ["involved"] = new JsonArray([.. involved.Select(p => JsonValue.Create(p))]),
        });
    }

    private void PlanStatement(Change change, PartyId party, string id, JsonElement body)
    {
        if (!_incidents.TryGetValue(id, out var incident))
        {
            throw new ActException("incident.unknown", $"There is no incident '{id}'", "body.incident");
        }

        if (!incident.Involved.Contains(party.Name, StringComparer.Ordinal))
        {
            throw new ActException("incident.not-involved", $"'{party}' is not involved in incident '{id}' (involved: {string.Join(", ", incident.Involved)})", "body.incident");
        }

        var text = CheckText(body, "text", MaxIncidentTextLength, required: true)!;
        change.Statement = (id, new IncidentStatement(-1, party.Name, change.Act.Time, text));
        TellReaders(change, incident, "incident.statement", new JsonObject { ["incident"] = id, ["party"] = party.Name, ["text"] = text });
    }

    private void TellReaders(Change change, IncidentRecord incident, string type, JsonObject extra)
    {
        foreach (var reader in Book!.Arrangement.Parties.Where(p => MayRead(p.Id, incident)))
        {
            change.Tell(reader.Id.Name, type, extra: extra.DeepClone().AsObject());
        }
    }

    private void CommitIncident(Change change, long index)
    {
        if (change.Incident is { } reported)
        {
            _incidents[reported.Id] = reported with { Index = index, Report = reported.Report.Clone() };
        }

        if (change.Statement is var (id, statement))
        {
            _incidents[id].Statements.Add(statement with { Index = index });
        }
    }

    private static Wgs84 ReadCentre(JsonElement center)
    {
        try
        {
            return center.GetArrayLength() == 2 ? Wgs84.FromLonLat(center[0].GetDouble(), center[1].GetDouble()) : throw new FormatException("two numbers expected");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw ActBody.Invalid("area.center", "body.area.center should be [lon, lat] in degrees (WGS 84): " + e.Message);
        }
    }

    private static string? CheckText(JsonElement body, string name, int maxLength, bool required)
    {
        var text = required ? ActBody.Text(body, name) : ActBody.OptionalText(body, name);
        return text is null || text.Length <= maxLength
            ? text
            : throw ActBody.Invalid(name, $"body.{name} should be at most {maxLength} characters; got {text.Length}");
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
