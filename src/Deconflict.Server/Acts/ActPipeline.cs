using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger;
using Deconflict.Negotiate;
using Deconflict.Server.Api.Acts;
using Deconflict.Server.Api.Movements;
using Deconflict.Server.Api.Requests;
using Deconflict.Server.Hosting;
using Deconflict.Server.Ports;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Deconflict.Server.Streams;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Acts;

/// <summary>
/// The write path: verify a signed act, plan its change (refusing it changes nothing), append it durably, then commit
/// the change and wake the streams. Declarations and amendments are then checked for conflicts and the resulting
/// passage requests appended as an operator act. Writers are serialised, so the plan always sees the latest state.
/// </summary>
internal sealed class ActPipeline(
    DeconflictState state, IActLog log, OperatorIdentity operatorIdentity, TimeProvider clock, EventSignal signal,
    ServerOptions options, ILogger<ActPipeline> logger)
{
    /// <summary>How many conflicts a request carries (the closest first); the total is in <c>conflictCount</c>.</summary>
    public const int MaxConflictsPerRequest = 32;

    private readonly SemaphoreSlim _write = new(1, 1);

    /// <summary>Replays the ledger into the state, then starts it from <c>--arrangement</c> if it is empty, then checks any
    /// movement whose conflict check did not make it into the ledger before a crash.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        state.TrustOperator(operatorIdentity.Key.VerifierKey);
        log.Trust(operatorIdentity.Key.VerifierKey);
        var stopwatch = Stopwatch.StartNew();
        await foreach (var (index, envelope) in log.ReadAllAsync(cancellationToken))
        {
            Commit(state.Plan(new Act(envelope)), index);
        }

        Log.Replayed(logger, state.Size, stopwatch.ElapsedMilliseconds, state.Book?.Arrangement.Version);
        if (state.Book is null && options.ArrangementFile is { } file)
        {
            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file, cancellationToken));
            await SubmitArrangementAsync(doc.RootElement, cancellationToken);
            Log.Genesis(logger, state.Book!.Arrangement.Version, state.Book.Arrangement.Parties.Count, file);
        }

        if (state.Book is null)
        {
            Log.NotInitialised(logger);
            return;
        }

        await _write.WaitAsync(cancellationToken);
        try
        {
            foreach (var unchecked_ in state.Book.Movements.Values.Where(m => !m.CheckedForConflicts && m.State == MovementState.Declared).Select(m => m.Id).Order(StringComparer.Ordinal).ToList())
            {
                await CheckAsync(unchecked_, cancellationToken);
            }
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Submits a party's signed envelope.</summary>
    /// <exception cref="ActException">The act is refused; nothing was appended.</exception>
    public async Task<ActReceiptDto> SubmitAsync(byte[] wire, CancellationToken cancellationToken)
    {
        Act act;
        try
        {
            act = ActCodec.Verify(wire, state.KeyOf);
        }
        catch (LedgerException e)
        {
            throw new ActException(e.Code, e.Message, FieldOf(e.Code));
        }

        await _write.WaitAsync(cancellationToken);
        try
        {
            if (state.IndexOfLeaf(act.Leaf) is { } first)
            {
                return Receipt(first, true, act, SubjectOf(act));
            }

            if (act.Party == ActKinds.Operator)
            {
                throw new ActException("act.reserved-kind", "The operator's key acts only through the server", "party");
            }

            var now = clock.GetUtcNow();
            if ((act.Time - now).Duration() > options.MaxClockSkew)
            {
                throw new ActException("envelope.clock-skew", $"time {act.Time:O} is more than {options.MaxClockSkew.TotalSeconds} s from the server's clock {now:O}", "time");
            }

            var index = await AppendAsync(act, cancellationToken);
            if (act.Kind is ActKinds.Declare or ActKinds.Amend)
            {
                await CheckAsync(SubjectOf(act), cancellationToken);
            }

            return Receipt(index, false, act, SubjectOf(act));
        }
        catch (ActException e)
        {
            Log.Refused(logger, act.Kind, act.Party, e.Code);
            throw;
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Starts the ledger from a signed arrangement (genesis), or amends the arrangement in force.</summary>
    public async Task<ActReceiptDto> SubmitArrangementAsync(JsonElement signedArrangement, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            var kind = state.Book is null ? ActKinds.Genesis : ActKinds.ArrangementAmend;
            var (index, act) = await AppendOperatorAsync(kind, JsonNode.Parse(signedArrangement.GetRawText())!.AsObject(), cancellationToken);
            return Receipt(index, false, act, "arrangement/" + state.Book!.Arrangement.Version);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Appends the escalations and expiries the clock has made due; returns how many.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            var due = state.Book?.DueAt(clock.GetUtcNow()) ?? [];
            foreach (var act in due)
            {
                var body = act.Kind == DueActKind.Escalate ? new JsonObject { ["requestId"] = act.Id } : new JsonObject { ["movementId"] = act.Id };
                await AppendOperatorAsync(act.Kind == DueActKind.Escalate ? ActKinds.Escalate : ActKinds.Expire, body, cancellationToken);
            }

            return due.Count;
        }
        finally
        {
            _write.Release();
        }
    }

    // Checks the movement's current version against every other party's movements and opens one request per affected party.
    private async Task CheckAsync(string movementId, CancellationToken cancellationToken)
    {
        var movement = state.Movement(movementId)!;
        var version = state.Book!.Movements[movementId].Version;
        var arrangement = state.Book.Arrangement;
        var requests = new JsonArray();
        foreach (var group in state.Detector.Conflicts(movement)
                     .Where(c => c.OtherParty != movement.Party && !arrangement.AreAllies(c.OtherParty, movement.Party))
                     .GroupBy(c => c.OtherParty.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // The closest conflicts only, so the entry stays well under the envelope size limit in a dense area.
            requests.Add(new JsonObject
            {
                ["requestId"] = $"{movementId}~v{version}~{group.Key}",
                ["to"] = group.Key,
                ["conflictCount"] = group.Count(),
                ["conflicts"] = new JsonArray([.. group.OrderBy(c => c.MinSeparationM).ThenBy(c => c.OtherMovementId, StringComparer.Ordinal)
                    .Take(MaxConflictsPerRequest).Select(c => ConflictRecord.From(c).ToJson())]),
            });
        }

        await AppendOperatorAsync(ActKinds.Checked, new JsonObject { ["movementId"] = movementId, ["version"] = version, ["requests"] = requests }, cancellationToken);
    }

    private async Task<(long Index, Act Act)> AppendOperatorAsync(string kind, JsonObject body, CancellationToken cancellationToken)
    {
        var act = ActCodec.Sign(operatorIdentity.Key, state.LastSeq(ActKinds.Operator) + 1, clock.GetUtcNow(), kind, JsonSerializer.SerializeToElement(body));
        return (await AppendAsync(act, cancellationToken), act);
    }

    private async Task<long> AppendAsync(Act act, CancellationToken cancellationToken)
    {
        var change = state.Plan(act);
        long index;
        try
        {
            index = await log.AppendAsync(act.Signed, cancellationToken);
        }
        catch (LedgerException e) when (e.IsTransient)
        {
            throw new ActException("storage.unavailable", e.Message);
        }

        Commit(change, index);
        Log.Appended(logger, act.Kind, act.Party, index);
        signal.Raise();
        return index;
    }

    private void Commit(Change change, long index)
    {
        lock (state.Gate)
        {
            state.Commit(change, index);
        }

        // The ledger admits the envelopes of the parties the arrangement names, once it is in force.
        foreach (var party in change.Arrangement?.Terms.Parties ?? [])
        {
            log.Trust(state.KeyOf(party.Id.Name)!);
        }
    }

    private ActReceiptDto Receipt(long index, bool duplicate, Act act, string subject)
    {
        lock (state.Gate)
        {
            var now = clock.GetUtcNow();
            var book = state.Book!;
            MovementDto? movement = null;
            IEnumerable<PassageRequest> requests = [];
            if (book.Movements.TryGetValue(subject, out var m))
            {
                movement = Views.Movement(state, subject, now);
                requests = book.RequestsFor(subject).Where(r => r.MovementVersion == m.Version);
            }
            else if (book.Requests.TryGetValue(subject, out var r))
            {
                requests = [r];
            }

            return new ActReceiptDto(index, duplicate, act.Kind, subject, movement, [.. requests.Select(r => Views.Request(state, r, now))]);
        }
    }

    private static string SubjectOf(Act act)
    {
        var body = act.Body;
        if (body.TryGetProperty("feature", out var f) && f.TryGetProperty("id", out var id))
        {
            return id.ToString();
        }

        foreach (var name in (string[])["requestId", "movementId"])
        {
            if (body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
            {
                return v.GetString()!;
            }
        }

        return act.Kind;
    }

    private static string? FieldOf(string code) => code switch
    {
        LedgerErrorCodes.EnvelopeBadSignature => "sig",
        LedgerErrorCodes.EnvelopeUnknownParty => "party",
        LedgerErrorCodes.EnvelopeReplayedSeq => "seq",
        _ => null,
    };
}
