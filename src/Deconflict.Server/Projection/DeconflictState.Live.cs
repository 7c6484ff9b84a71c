using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Declare;
using Deconflict.Server.Acts;
using Deconflict.Server.Live;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Projection;

/// <summary>Live tracking in the fold: registered units, and who hears of each alert. Position reports change no state
/// here (the tracker holds positions); they are validated so that the ledger only holds well-formed batches.</summary>
internal sealed partial class DeconflictState
{
    private readonly Dictionary<string, RegisteredUnit> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredUnit> _unitsByCotUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackReport> _lastReports = new(StringComparer.Ordinal);

    /// <summary>A registered unit by id, or null.</summary>
    public RegisteredUnit? Unit(string id) => _units.GetValueOrDefault(id);

    /// <summary>A registered unit by the CoT uid of its device, or null.</summary>
    public RegisteredUnit? UnitByCotUid(string cotUid) => _unitsByCotUid.GetValueOrDefault(cotUid);

    /// <summary>The latest report of each unit in the ledger (signed or attested), for rebuilding the tracker after a restart.</summary>
    public List<TrackReport> LastReports() => [.. _lastReports.Values];

    private void PlanLive(Change change, Act act)
    {
        var body = act.Body;
        switch (act.Kind)
        {
            case ActKinds.UnitRegister:
                PlanUnits(change, PartyId.From(act.Party), body);
                break;
            case ActKinds.TrackBatch:
                PlanReports(change, PartyId.From(act.Party), body);
                break;
            case ActKinds.TrackAttested:
                PlanReports(change, ActBody.Party(body, "party"), body);
                ActBody.Text(body, "connection");
                change.Subject = ActKinds.TrackAttested;
                break;
            default: // ActKinds.AlertBatch
                PlanAlerts(change, body);
                break;
        }
    }

    // Each alert of the entry, in order, becomes one event for every party that hears of it; the stream numbers a party's
    // events within the entry so that a resumed stream neither skips nor repeats one (docs/formats/live-tracking.md).
    private void PlanAlerts(Change change, JsonElement body)
    {
        var i = 0;
        foreach (var alert in ActBody.Element(body, "alerts", JsonValueKind.Array).EnumerateArray())
        {
            var path = $"alerts[{i++}]";
            var type = ActBody.OptionalText(alert, "transition") switch
            {
                "raised" => ActKinds.AlertRaised,
                "cleared" => ActKinds.AlertCleared,
                var other => throw ActBody.Invalid(path + ".transition", $"body.{path}.transition should be raised or cleared; got '{other}'"),
            };
            ActBody.Text(alert, "alert");
            ActBody.Text(alert, "unit");
            var party = ActBody.Party(alert, "party").Name;
            var otherParty = ActBody.OptionalText(alert, "otherParty");

            // One copy of the alert, read lazily by each audience's event: most events are never read. Who else was told
            // is left out: it would disclose which parties have units near this one.
            var audience = AlertAudience(alert, party, otherParty);
            var copy = WithoutAudience(alert);
            foreach (var name in audience)
            {
                change.Tell(name, type, extra: JsonObject.Create(copy));
            }
        }

        if (i == 0)
        {
            throw ActBody.Invalid("alerts", "body.alerts should hold at least one alert");
        }

        change.Subject = ActKinds.AlertBatch;
    }

    // Who hears of an alert: exactly the audience the tracker chose and the entry records (need-to-know). An alert
    // without one goes only to the parties it names.
    private static List<string> AlertAudience(JsonElement body, string party, string? otherParty)
    {
        if (!body.TryGetProperty("audience", out _))
        {
            return otherParty is null ? [party] : [party, otherParty];
        }

        var names = new List<string>();
        foreach (var name in ActBody.Element(body, "audience", JsonValueKind.Array).EnumerateArray())
        {
            names.Add(name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } text
                ? text : throw ActBody.Invalid($"audience[{names.Count}]", $"body.audience[{names.Count}] should be a party name"));
        }

        return names;
    }

    private static JsonElement WithoutAudience(JsonElement alert)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in alert.EnumerateObject())
            {
                if (!property.NameEquals("audience"))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private void PlanUnits(Change change, PartyId party, JsonElement body)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var json in ActBody.Element(body, "units", JsonValueKind.Array).EnumerateArray())
        {
            var path = $"units[{i++}]";
            var id = ActBody.Text(json, "id");
            var cotUid = ActBody.Text(json, "cotUid");
            var kindName = ActBody.Text(json, "kind");
            var kind = RegisteredUnit.KindOf(kindName)
                ?? throw ActBody.Invalid(path + ".kind", $"body.{path}.kind should be ground, air or static; got '{kindName}'");
            var movement = ActBody.OptionalText(json, "movement");
            if (movement is not null && (Book!.Movements.GetValueOrDefault(movement) is not { } m || m.Owner != party))
            {
                throw new ActException("movement.unknown", $"'{party}' has no movement '{movement}'", $"body.{path}.movement");
            }

            if (!seen.Add("id:" + id) || !seen.Add("uid:" + cotUid)
                || (_units.GetValueOrDefault(id) is { } byId && byId.Party != party)
                || (_unitsByCotUid.GetValueOrDefault(cotUid) is { } byUid && (byUid.Party != party || byUid.Id != id)))
            {
                throw new ActException("unit.id-taken", $"unit '{id}' or CoT uid '{cotUid}' is registered by another party or twice", $"body.{path}");
            }

            change.Units.Add(new RegisteredUnit(id, party, cotUid, kind, movement));
        }

        change.Subject = ActKinds.UnitRegister;
        foreach (var audience in Book!.Arrangement.Parties.Where(p => SeesWhole(p.Id, party)))
        {
            change.Tell(audience.Id.Name, "unit.registered", extra: new JsonObject { ["units"] = new JsonArray([.. change.Units.Select(u => JsonValue.Create(u.Id))]) });
        }
    }

    private void PlanReports(Change change, PartyId party, JsonElement body)
    {
        var i = 0;
        foreach (var json in ActBody.Element(body, "reports", JsonValueKind.Array).EnumerateArray())
        {
            var report = TrackReport.FromJson(json, $"reports[{i++}]");
            if (_units.GetValueOrDefault(report.Unit) is not { } unit || unit.Party != party)
            {
                throw new ActException("unit.unknown", $"'{party}' has registered no unit '{report.Unit}'", $"body.reports[{i - 1}].unit");
            }

            change.Reports.Add(report);
        }

        change.Subject = change.Act.Kind;
    }

    private void CommitLive(Change change)
    {
        foreach (var unit in change.Units)
        {
            if (_units.Remove(unit.Id, out var old))
            {
                _unitsByCotUid.Remove(old.CotUid);
            }

            _units[unit.Id] = unit;
            _unitsByCotUid[unit.CotUid] = unit;
        }

        foreach (var report in change.Reports)
        {
            if (!_lastReports.TryGetValue(report.Unit, out var last) || report.Time > last.Time)
            {
                _lastReports[report.Unit] = report;
            }
        }
    }
}
