using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Declare;
using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Deconflict.Negotiate;
using Deconflict.Server.Api.Acts;
using Deconflict.Server.Hosting;
using Deconflict.Server.Ports;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Deconflict.Server.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Acts;

/// <summary>
/// The write path: verify a signed act, plan its change (refusing it changes nothing), append it durably, then commit
/// the change and wake the streams. Declarations and amendments are then checked for conflicts and the resulting
/// passage requests appended as an operator act. Writers are serialised, so the plan always sees the latest state.
/// </summary>
/// <remarks>A party's signature is verified once, by the ledger's admission (<see cref="IActLog.Admit"/>), before the
/// act is planned; the ledger appends the admitted envelope without verifying it again, and the operator's own acts are
/// signed by the ledger and never verified. Writers wait for the write path asynchronously (no thread spins or blocks on
/// it), and the fsync is awaited outside it, so concurrent acts share the ledger's group commit.</remarks>
internal sealed class ActPipeline(
    DeconflictState state, IActLog log, OperatorIdentity operatorIdentity, TimeProvider clock, EventSignal signal,
    ServerOptions options, IHostApplicationLifetime lifetime, Live.LiveTracker live, ILogger<ActPipeline> logger)
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

        state.MarkDurable(state.Size);
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

        var staged = new List<Staged>();
        await _write.WaitAsync(cancellationToken);
        try
        {
            foreach (var movementId in state.Book.Movements.Values.Where(m => !m.CheckedForConflicts && m.State == MovementState.Declared).Select(m => m.Id).Order(StringComparer.Ordinal).ToList())
            {
                staged.Add(StageCheck(movementId));
            }
        }
        finally
        {
            _write.Release();
        }

        await DurableAsync(staged);
    }

    /// <summary>Submits a party's signed envelope; answers once it (and the conflict check it causes) is durable.</summary>
    /// <exception cref="ActException">The act is refused; nothing was appended.</exception>
    public async Task<ActReceiptDto> SubmitAsync(byte[] wire, CancellationToken cancellationToken)
    {
        AdmittedEnvelope admitted;
        try
        {
            admitted = log.Admit(SignedEnvelope.Parse(wire));
        }
        catch (LedgerException e)
        {
            throw new ActException(e.Code, e.Message, FieldOf(e.Code));
        }

        var act = new Act(admitted.Signed);
        var staged = new List<Staged>(2);
        long? duplicateOf = null;
        try
        {
            // Staging is synchronous: plan, queue the append (the ledger orders its queue as we call it), commit in memory.
            // Appends of many submitters then share one fsync; nobody is answered, and no stream sees an entry, before it is durable.
            await _write.WaitAsync(cancellationToken);
            try
            {
                duplicateOf = state.IndexOfLeaf(act.Leaf);
                if (duplicateOf is null)
                {
                    if (act.Party == ActKinds.Operator)
                    {
                        throw new ActException("act.reserved-kind", "The operator's key acts only through the server", "party");
                    }

                    var now = clock.GetUtcNow();
                    if ((act.Time - now).Duration() > options.MaxClockSkew)
                    {
                        throw new ActException("envelope.clock-skew", $"time {act.Time:O} is more than {options.MaxClockSkew.TotalSeconds} s from the server's clock {now:O}", "time");
                    }

                    staged.Add(Stage(act, admitted));
                    if (act.Kind is ActKinds.Declare or ActKinds.Amend)
                    {
                        staged.Add(StageCheck(SubjectOf(act)));
                    }
                }
            }
            finally
            {
                _write.Release();
            }
        }
        catch (ActException e)
        {
            Log.Refused(logger, act.Kind, act.Party, e.Code);
            throw;
        }

        if (duplicateOf is { } first)
        {
            await state.DurableUpToAsync(first + 1, signal, cancellationToken);
            return Receipt(first, true, act, SubjectOf(act));
        }

        await DurableAsync(staged);
        if (act.Kind == ActKinds.TrackBatch)
        {
            // Only once the batch is in the ledger does the tracker see it; a replayed ledger does not re-raise old alerts.
            await live.IngestAsync(PartyId.From(act.Party), staged[0].Reports, null, cancellationToken);
        }

        return Receipt(staged[0].Index, false, act, SubjectOf(act));
    }

    /// <summary>Starts the ledger from a signed arrangement (genesis), or amends the arrangement in force.</summary>
    public async Task<ActReceiptDto> SubmitArrangementAsync(JsonElement signedArrangement, CancellationToken cancellationToken)
    {
        Staged staged;
        await _write.WaitAsync(cancellationToken);
        try
        {
            staged = StageOperator(state.Book is null ? ActKinds.Genesis : ActKinds.ArrangementAmend, signedArrangement);
        }
        finally
        {
            _write.Release();
        }

        await DurableAsync([staged]);
        return Receipt(staged.Index, false, staged.Act, "arrangement/" + state.Book!.Arrangement.Version);
    }

    /// <summary>Appends the escalations and expiries the clock has made due; returns how many.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        // The loop wakes at every change; most wake-ups find nothing due, and need not wait for the write path.
        lock (state.Gate)
        {
            if (state.NextDue() is not { } next || next > clock.GetUtcNow())
            {
                return 0;
            }
        }

        var staged = new List<Staged>();
        await _write.WaitAsync(cancellationToken);
        try
        {
            foreach (var act in state.DueAt(clock.GetUtcNow()))
            {
                var body = act.Kind == DueActKind.Escalate ? new JsonObject { ["requestId"] = act.Id } : new JsonObject { ["movementId"] = act.Id };
                staged.Add(StageOperator(act.Kind == DueActKind.Escalate ? ActKinds.Escalate : ActKinds.Expire, JsonSerializer.SerializeToElement(body)));
            }
        }
        finally
        {
            _write.Release();
        }

        await DurableAsync(staged);
        return staged.Count;
    }

    /// <summary>Appends acts of the operator in order, sharing one wait for durability (live tracking's alerts, which come
    /// in bursts), and waits until all are durable.</summary>
    /// <exception cref="ActException">The ledger refused or failed an append; the acts before it are appended.</exception>
    public async Task AppendOperatorAsync(IReadOnlyList<(string Kind, JsonElement Body)> acts)
    {
        var staged = new List<Staged>(acts.Count);
        await _write.WaitAsync();
        try
        {
            foreach (var (kind, body) in acts)
            {
                staged.Add(StageOperator(kind, body));
            }
        }
        finally
        {
            _write.Release();
            await DurableAsync(staged);
        }
    }

    // Checks the movement's current version against every other party's movements and opens one request per affected party.
    private Staged StageCheck(string movementId)
    {
        var movement = state.Movement(movementId)!;
        var version = state.Book!.Movements[movementId].Version;
        var arrangement = state.Book.Arrangement;
        var requests = new List<CheckedRequest>();
        foreach (var group in state.Detector.Conflicts(movement)
                     .Where(c => c.OtherParty != movement.Party && !arrangement.AreAllies(c.OtherParty, movement.Party))
                     .GroupBy(c => c.OtherParty.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // The closest conflicts only, so the entry stays well under the envelope size limit in a dense area.
            requests.Add(new CheckedRequest(
                $"{movementId}~v{version}~{group.Key}",
                PartyId.From(group.Key),
                group.Count(),
                [.. group.OrderBy(c => c.MinSeparationM).ThenBy(c => c.OtherMovementId, StringComparer.Ordinal).Take(MaxConflictsPerRequest).Select(ConflictRecord.From)]));
        }

        // The body is written once, canonically, signed by the ledger's operator key, and planned from the object it was written from.
        var entry = new CheckedEntry(movementId, version, requests);
        var admitted = log.SignAsOperator(Envelope.FromCanonicalBody(
            operatorIdentity.Key.Name, state.LastSeq(ActKinds.Operator) + 1, clock.GetUtcNow(), ActKinds.Checked, entry.ToCanonicalJson()));
        var act = new Act(admitted.Signed);
        return Stage(act, admitted, state.Plan(act, entry));
    }

    private Staged StageOperator(string kind, JsonElement body)
    {
        var admitted = log.SignAsOperator(OperatorEnvelope(kind, body));
        return Stage(new Act(admitted.Signed), admitted);
    }

    private Envelope OperatorEnvelope(string kind, JsonElement body) =>
        new(operatorIdentity.Key.Name, state.LastSeq(ActKinds.Operator) + 1, clock.GetUtcNow(), kind, body);

    // Plans the act (a refusal throws and changes nothing), queues its append, and commits it in memory at the index the
    // ledger will give it: the ledger queues appends in call order and only this class appends, under _write.
    private Staged Stage(Act act, AdmittedEnvelope admitted, Change? planned = null)
    {
        var change = planned ?? state.Plan(act);
        var index = state.Size;
        var append = log.AppendAsync(admitted, CancellationToken.None).AsTask();

        // The ledger refuses a replayed seq synchronously, before queueing: nothing was appended, so nothing is committed.
        if (append.IsFaulted && append.Exception.InnerException is LedgerException e)
        {
            throw new ActException(e.IsTransient ? "storage.unavailable" : e.Code, e.Message);
        }

        Commit(change, index);
        return new Staged(act, index, append, change.Reports);
    }

    // Waits until every staged append is durable, then lets the streams see them. An append that fails or lands at another
    // index leaves memory ahead of the ledger: the server stops, and a restart replays the ledger, which holds only what
    // was acknowledged.
    private async Task DurableAsync(IReadOnlyList<Staged> staged)
    {
        foreach (var s in staged)
        {
            long index;
            try
            {
                index = await s.Append;
            }
            catch (LedgerException e)
            {
                Log.LedgerDiverged(logger, s.Index, e);
                lifetime.StopApplication();
                throw new ActException("storage.unavailable", e.Message);
            }

            if (index != s.Index)
            {
                Log.LedgerDiverged(logger, s.Index, null);
                lifetime.StopApplication();
                throw new ActException("internal", $"the ledger put the entry at {index}, not {s.Index}");
            }

            Log.Appended(logger, s.Act.Kind, s.Act.Party, index);
        }

        if (staged.Count > 0)
        {
            state.MarkDurable(staged[^1].Index + 1);
            signal.Raise();
        }
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

    // Reports: the position reports the fold read from the act (a track batch), handed to the tracker once durable.
    private sealed record Staged(Act Act, long Index, Task<long> Append, IReadOnlyList<Live.TrackReport> Reports);

    // A summary only: the pieces are read under need-to-know from GET /v1/requests/{id}, not carried in every answer.
    private ActReceiptDto Receipt(long index, bool duplicate, Act act, string subject)
    {
        lock (state.Gate)
        {
            var book = state.Book!;
            MovementSummaryDto? movement = null;
            IEnumerable<PassageRequest> requests = [];
            if (book.Movements.TryGetValue(subject, out var m))
            {
                movement = new MovementSummaryDto(m.Id, m.Version, m.StateAt(clock.GetUtcNow()).ToWireName(), m.ShortNotice);
                requests = book.RequestsFor(subject).Where(r => r.MovementVersion == m.Version);
            }
            else if (book.Requests.TryGetValue(subject, out var r))
            {
                requests = [r];
            }

            RequestSummaryDto[] summaries = [.. requests.Select(r => new RequestSummaryDto(r.Id, r.To.Name, r.State.ToWireName(), state.ConflictsOf(r.Id).Count))];
            return new ActReceiptDto(index, duplicate, act.Kind, subject, movement, summaries, summaries.Sum(r => r.ConflictCount));
        }
    }

    private static string SubjectOf(Act act)
    {
        var body = act.Body;
        if (body.TryGetProperty("feature", out var f) && f.TryGetProperty("id", out var id))
        {
            return id.ToString();
        }

        foreach (var name in (string[])["requestId", "movementId", "incident"])
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
