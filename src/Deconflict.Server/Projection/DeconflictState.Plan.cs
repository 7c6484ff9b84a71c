using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Negotiate;
using Deconflict.Server.Acts;
using Deconflict.Server.Arrangement;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Projection;

internal sealed partial class DeconflictState
{
    /// <summary>Computes what <paramref name="act"/> changes, without changing anything.</summary>
    /// <param name="act">The act.</param>
    /// <param name="written">For a <c>movement.checked</c> act the write path has just built: its body as an object, so
    /// it is not read back from the JSON it was written to.</param>
    /// <exception cref="ActException">The act is refused; the code names why and the field says where.</exception>
    public Change Plan(Act act, CheckedEntry? written = null)
    {
        var byOperator = act.Party == ActKinds.Operator;
        if (ActKinds.ByOperator.Contains(act.Kind) && !byOperator)
        {
            throw new ActException("act.reserved-kind", $"Only the operator performs '{act.Kind}'", "kind");
        }

        if (!(byOperator ? ActKinds.ByOperator : ActKinds.ByParties).Contains(act.Kind))
        {
            throw new ActException("act.unknown-kind", $"'{act.Kind}' is not a kind of act; expected one of {string.Join(", ", ActKinds.ByParties)}", "kind");
        }

        if (Book is null && act.Kind != ActKinds.Genesis)
        {
            throw new ActException("arrangement.not-initialised", "No arrangement is in force yet: submit a signed genesis arrangement first (deconflict init)");
        }

        if (act.Seq <= LastSeq(act.Party))
        {
            throw new ActException("envelope.replayed-seq", $"seq {act.Seq} of '{act.Party}' is not above its last seq {LastSeq(act.Party)}", "seq");
        }

        var change = new Change { Act = act };
        switch (act.Kind)
        {
            case ActKinds.Genesis or ActKinds.ArrangementAmend:
                PlanArrangement(change, act.Body);
                break;
            case ActKinds.Declare or ActKinds.Amend:
                PlanDeclare(change, PartyId.From(act.Party), act.Body);
                break;
            case ActKinds.Cancel:
                var cancelled = ActBody.Text(act.Body, "movementId");
                change.Book = Refused(Book!.Cancel(PartyId.From(act.Party), cancelled, act.Time));
                change.Remove = cancelled;
                change.Subject = cancelled;
                change.Touched.Add(cancelled);
                TellOwnerAndAllies(change, change.Book.Movements[cancelled].Owner, "movement.cancelled", cancelled);
                TellAddressees(change, cancelled, "request.withdrawn");
                break;
            case ActKinds.Checked:
                PlanChecked(change, written ?? CheckedEntry.Read(act.Body));
                break;
            case ActKinds.Expire:
                var expired = ActBody.Text(act.Body, "movementId");
                change.Book = Refused(Book!.Expire(expired, act.Time));
                change.Remove = expired;
                change.Subject = expired;
                change.Touched.Add(expired);
                TellOwnerAndAllies(change, change.Book.Movements[expired].Owner, "movement.expired", expired);
                TellAddressees(change, expired, "request.expired");
                break;
            case ActKinds.HotlineCall:
                PlanHotline(change, PartyId.From(act.Party), act.Body);
                break;
            case ActKinds.UnitRegister or ActKinds.TrackBatch or ActKinds.TrackAttested or ActKinds.AlertBatch:
                PlanLive(change, act);
                break;
            case ActKinds.IncidentReport or ActKinds.IncidentStatement:
                PlanIncident(change, PartyId.From(act.Party), act.Body);
                break;
            default:
                PlanAnswer(change, PartyId.From(act.Party), act.Body);
                break;
        }

        return change;
    }

    private void PlanArrangement(Change change, JsonElement body)
    {
        var genesis = change.Act.Kind == ActKinds.Genesis;
        if (genesis && Book is not null)
        {
            throw new ActException("arrangement.already-initialised", $"Arrangement version {Book.Arrangement.Version} is already in force; submit an amendment");
        }

        var signed = SignedArrangement.Verify(body, Book?.Arrangement);
        if (!genesis && signed.Terms.Version != Book!.Arrangement.Version + 1)
        {
            throw new ActException("arrangement.stale-version", $"The amendment should be version {Book.Arrangement.Version + 1}; got {signed.Terms.Version}", "arrangement.version");
        }

        change.Arrangement = signed;
        change.Book = genesis ? NegotiationBook.Start(signed.Terms) : Book!.Amend(signed.Terms);
        change.Subject = "arrangement/" + signed.Terms.Version;
        foreach (var party in signed.Terms.Parties)
        {
            change.Tell(party.Id.Name, genesis ? "arrangement.genesis" : "arrangement.amended", extra: new JsonObject { ["version"] = signed.Terms.Version });
        }
    }

    private void PlanDeclare(Change change, PartyId party, JsonElement body)
    {
        var movement = detector.Read(ActBody.Element(body, "feature", JsonValueKind.Object), "body.feature");
        if (movement.Party != party)
        {
            throw new ActException("act.for-another-party", $"'{party}' cannot declare a movement of '{movement.Party}'", "body.feature.properties.party");
        }

        var declare = change.Act.Kind == ActKinds.Declare;
        change.Book = Refused(declare
            ? Book!.Declare(party, movement.Id, movement.Window, change.Act.Time)
            : Book!.AmendMovement(party, movement.Id, movement.Window, change.Act.Time));
        change.Put = movement;
        change.Subject = movement.Id;
        change.Touched.Add(movement.Id);
        TellOwnerAndAllies(change, party, declare ? "movement.declared" : "movement.amended", movement.Id);
        if (!declare)
        {
            TellAddressees(change, movement.Id, "request.withdrawn");
        }
    }

    private void PlanChecked(Change change, CheckedEntry entry)
    {
        var movementId = entry.MovementId;
        var opened = new List<(string, PartyId)>(entry.Requests.Count);
        foreach (var request in entry.Requests)
        {
            opened.Add((request.RequestId, request.To));
            change.Conflicts.Add((request.RequestId, request.Conflicts));
        }

        change.Book = Refused(Book!.OpenRequests(movementId, entry.Version, opened, change.Act.Time));
        change.Subject = movementId;
        change.Touched.Add(movementId);
        var owner = change.Book.Movements[movementId].Owner;
        TellOwnerAndAllies(change, owner, "movement.checked", movementId, new JsonObject { ["requests"] = new JsonArray([.. opened.Select(o => JsonValue.Create(o.Item1))]) });
        foreach (var (requestId, to) in opened)
        {
            change.Tell(owner.Name, "request.opened", requestId: requestId);
            change.Tell(to.Name, "request.opened", requestId: requestId);
        }
    }

    private void PlanAnswer(Change change, PartyId by, JsonElement body)
    {
        var requestId = ActBody.Text(body, "requestId");
        var at = change.Act.Time;
        Func<PassageRequest, Outcome<PassageRequest>> transition = change.Act.Kind switch
        {
            ActKinds.Acknowledge => r => r.Acknowledge(by, at),
            ActKinds.Approve => r => r.Approve(by, at, ActBody.OptionalText(body, "conditions")),
            ActKinds.Deny => r => r.Deny(by, at, ActBody.OptionalText(body, "reason") ?? ""),
            ActKinds.CounterPropose => r => r.CounterPropose(by, at, ReadCounter(body)),
            ActKinds.AcceptCounter => r => r.AcceptCounter(by, at),
            ActKinds.RejectCounter => r => r.RejectCounter(by, at, ActBody.OptionalText(body, "reason")),
            _ => r => r.Escalate(at, Book!.Arrangement.EscalationChain.Count, Book.Arrangement.ResponseDeadline),
        };
        change.Book = Refused(Book!.Answer(requestId, transition));
        change.Subject = requestId;
        var request = change.Book.Requests[requestId];
        change.Touched.Add(request.MovementId);
        var type = change.Act.Kind == ActKinds.Escalate ? "request.escalated" : "request." + request.State.ToWireName();
        change.Tell(request.From.Name, type, requestId: requestId);
        change.Tell(request.To.Name, type, requestId: requestId);
        if (change.Book.Movements[request.MovementId].State != Book.Movements[request.MovementId].State)
        {
            TellOwnerAndAllies(change, request.From, "movement." + change.Book.Movements[request.MovementId].State.ToWireName(), request.MovementId);
        }
    }

    private void PlanHotline(Change change, PartyId caller, JsonElement body)
    {
        var callee = ActBody.Party(body, "with");
        if (callee == caller || !Book!.Arrangement.IsParty(callee))
        {
            throw ActBody.Invalid("with", $"body.with should name another party of the arrangement; got '{callee}'");
        }

        var requestId = ActBody.OptionalText(body, "requestId");
        if (requestId is not null && (!Book.Requests.TryGetValue(requestId, out var r) || (r.From != caller && r.To != caller)))
        {
            throw new ActException("request.unknown", $"'{caller}' has no request '{requestId}'", "body.requestId");
        }

        var call = new HotlineCall(-1, caller.Name, callee.Name, ActBody.Instant(body, "at"), requestId, ActBody.Text(body, "summary"));
        change.Call = call;
        change.Subject = requestId ?? callee.Name;
        var data = new JsonObject { ["caller"] = call.Caller, ["callee"] = call.Callee, ["calledAt"] = ConflictRecord.Iso(call.At), ["requestId"] = requestId, ["summary"] = call.Summary };
        change.Tell(caller.Name, "hotline.called", extra: data);
        change.Tell(callee.Name, "hotline.called", extra: data.DeepClone().AsObject());
    }

    private static CounterProposal ReadCounter(JsonElement body)
    {
        TimeWindow? window = null;
        if (body.TryGetProperty("window", out var w) && w.ValueKind == JsonValueKind.Object)
        {
            var start = ActBody.Instant(w, "start");
            var end = ActBody.Instant(w, "end");
            window = end >= start ? TimeWindow.FromStartEnd(start, end) : throw ActBody.Invalid("window.end", "body.window.end should not be before body.window.start");
        }

        List<Wgs84>? route = null;
        if (body.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.Array)
        {
            try
            {
                route = [.. r.EnumerateArray().Select(p => Wgs84.FromLonLat(p[0].GetDouble(), p[1].GetDouble()))];
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw ActBody.Invalid("route", "body.route should be an array of [lon, lat] positions: " + e.Message);
            }
        }

        if (window is null && (route is null || route.Count < 2))
        {
            throw ActBody.Invalid("window", "A counter-proposal needs body.window {start, end} or body.route of at least two [lon, lat] positions");
        }

        return new CounterProposal(window, route, ActBody.OptionalText(body, "note"));
    }

    private void TellOwnerAndAllies(Change change, PartyId owner, string type, string movementId, JsonObject? extra = null)
    {
        foreach (var party in Book!.Arrangement.Parties.Where(p => SeesWhole(p.Id, owner)))
        {
            change.Tell(party.Id.Name, type, movementId: movementId, extra: extra?.DeepClone().AsObject());
        }
    }

    // Addressees of the movement's requests that this change closes learn of it (withdrawn on amend/cancel, expired).
    private void TellAddressees(Change change, string movementId, string type)
    {
        foreach (var request in Book!.RequestsFor(movementId).Where(r => r.State.IsOpen()))
        {
            change.Tell(request.To.Name, type, requestId: request.Id);
        }
    }

    private static NegotiationBook Refused(Outcome<NegotiationBook> outcome) =>
        outcome.IsOk ? outcome.Value : throw new ActException(outcome.Error.Code, outcome.Error.Detail);
}
