using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Deconflict.Declare;
using Deconflict.Ledger.Keys;
using Deconflict.Negotiate;
using Deconflict.Server.Acts;
using Deconflict.Server.Arrangement;
using Deconflict.Server.Ports;
using Deconflict.Server.Streams;

namespace Deconflict.Server.Projection;

/// <summary>
/// The server's state: the fold of every ledger entry, in order. <see cref="Plan"/> computes what an entry would change
/// (throwing <see cref="Problems.ActException"/> if the act is refused) and <see cref="Commit"/> applies it once the
/// entry is durable. Replaying the ledger through the same two calls reaches the same state.
/// </summary>
/// <remarks>Not thread-safe: the <see cref="Acts.ActPipeline"/> serialises writers; readers take <see cref="Gate"/>.</remarks>
internal sealed partial class DeconflictState(IConflictDetector detector)
{
    private readonly Dictionary<string, DeclaredMovement> _movements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ConflictRecord>> _conflicts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _leafIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StreamEvent>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VerifierKey> _keys = new(StringComparer.Ordinal);
    private readonly List<HotlineCall> _calls = [];
    private readonly SortedSet<(DateTimeOffset DueAt, DueActKind Kind, string Id)> _agenda = [];
    private readonly Dictionary<string, List<(DateTimeOffset, DueActKind, string)>> _agendaByMovement = new(StringComparer.Ordinal);

    /// <summary>The acts due at <paramref name="now"/>, escalations first, each group in id order (as <see cref="NegotiationBook.DueAt"/>).</summary>
    public IReadOnlyList<DueAct> DueAt(DateTimeOffset now) =>
    [
        .. _agenda.TakeWhile(a => a.DueAt <= now).Where(a => a.Kind == DueActKind.Escalate).OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => new DueAct(a.Kind, a.Id, a.DueAt)),
        .. _agenda.TakeWhile(a => a.DueAt <= now).Where(a => a.Kind == DueActKind.Expire).OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => new DueAct(a.Kind, a.Id, a.DueAt)),
    ];

    /// <summary>When the next act falls due, if any.</summary>
    public DateTimeOffset? NextDue() => _agenda.Count == 0 ? null : _agenda.Min.DueAt;

    private void RefreshAgenda(string movementId)
    {
        if (_agendaByMovement.Remove(movementId, out var old))
        {
            foreach (var entry in old)
            {
                _agenda.Remove(entry);
            }
        }

        var due = Book!.DueFor(movementId).Select(a => (a.DueAt, a.Kind, a.Id)).ToList();
        if (due.Count > 0)
        {
            _agendaByMovement[movementId] = due;
            _agenda.UnionWith(due);
        }
    }

    /// <summary>Readers lock this while reading several members together.</summary>
    public object Gate { get; } = new();

    /// <summary>The negotiation book, or <see langword="null"/> before genesis.</summary>
    public NegotiationBook? Book { get; private set; }

    /// <summary>The signed arrangement in force, or <see langword="null"/> before genesis.</summary>
    public SignedArrangement? Arrangement { get; private set; }

    /// <summary>How many ledger entries have been folded in.</summary>
    public long Size { get; private set; }

    /// <summary>The detector holding every live movement.</summary>
    public IConflictDetector Detector => detector;

    public IReadOnlyList<HotlineCall> Calls => _calls;

    /// <summary>The current version of a movement, or null.</summary>
    public DeclaredMovement? Movement(string id) => _movements.GetValueOrDefault(id);

    public IEnumerable<DeclaredMovement> Movements => _movements.Values;

    public IReadOnlyList<ConflictRecord> ConflictsOf(string requestId) => _conflicts.GetValueOrDefault(requestId) ?? [];

    /// <summary>The verifier key of a party in force (or the operator's, if known), or null.</summary>
    public VerifierKey? KeyOf(string party) => _keys.GetValueOrDefault(party);

    /// <summary>Registers the operator's verifier key so its acts can be checked like any other.</summary>
    public void TrustOperator(VerifierKey key) => _keys[ActKinds.Operator] = key;

    public long LastSeq(string party) => _lastSeq.GetValueOrDefault(party, 0);

    /// <summary>The ledger index of an identical leaf already appended, if any.</summary>
    public long? IndexOfLeaf(ReadOnlyMemory<byte> leaf) => _leafIndex.TryGetValue(LeafKey(leaf), out var i) ? i : null;

    /// <summary>How many entries are durable in the ledger; entries committed in memory beyond it are not yet acknowledged.</summary>
    public long DurableSize => Interlocked.Read(ref _durableSize);

    private long _durableSize;

    /// <summary>Records that the ledger holds the first <paramref name="size"/> entries durably.</summary>
    public void MarkDurable(long size)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _durableSize)) < size && Interlocked.CompareExchange(ref _durableSize, size, seen) != seen)
        {
        }
    }

    /// <summary>Waits until the first <paramref name="size"/> entries are durable.</summary>
    public async Task DurableUpToAsync(long size, Streams.EventSignal signal, CancellationToken cancellationToken)
    {
        while (DurableSize < size)
        {
            var changed = signal.Next;
            if (DurableSize >= size)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Durable events of <paramref name="party"/>'s stream after <paramref name="after"/>; an entry's events are
    /// all durable or none, so the list holds every remaining event of each entry it reaches.</summary>
    public List<StreamEvent> EventsAfter(string party, StreamPosition after)
    {
        if (!_events.TryGetValue(party, out var list))
        {
            return [];
        }

        var durable = DurableSize;

        // Events are in (index, ordinal) order: binary search for the first after the position.
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (!after.Precedes(list[mid]))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var end = lo;
        while (end < list.Count && list[end].Index < durable)
        {
            end++;
        }

        return list.GetRange(lo, end - lo);
    }

    /// <summary>Whether <paramref name="viewer"/> sees <paramref name="owner"/>'s movements whole: itself or an ally.</summary>
    public bool SeesWhole(PartyId viewer, PartyId owner) => viewer == owner || (Book?.Arrangement.AreAllies(viewer, owner) ?? false);

    /// <summary>Applies a planned change, now that its entry is durable at <paramref name="index"/>.</summary>
    public void Commit(Change change, long index)
    {
        var act = change.Act;
        Size = index + 1;
        _leafIndex[LeafKey(act.Leaf)] = index;
        _lastSeq[act.Party] = act.Seq;
        if (change.Arrangement is { } arrangement)
        {
            Arrangement = arrangement;
            foreach (var party in arrangement.Terms.Parties)
            {
                _keys[party.Id.Name] = VerifierKey.Parse(party.VerifierKey);
            }

            detector.Use(arrangement.Terms);
        }

        Book = change.Book ?? Book;
        if (change.Remove is { } removed)
        {
            detector.Remove(removed);
        }

        if (change.Put is { } put)
        {
            _movements[put.Id] = put;
            detector.Put(put);
        }

        foreach (var movementId in change.Touched)
        {
            RefreshAgenda(movementId);
        }

        foreach (var (requestId, conflicts) in change.Conflicts)
        {
            _conflicts[requestId] = conflicts;
        }

        CommitLive(change);
        CommitIncident(change, index);
        if (change.Call is { } call)
        {
            _calls.Add(call with { Index = index });
        }

        foreach (var intent in change.Events)
        {
            // The immutable snapshots of this moment are taken now (the state moves on); they become views, then JSON,
            // only when a subscriber reads the event. Only small records are captured, never a whole book.
            var request = intent.RequestId is { } requestId ? Book!.Requests[requestId] : null;
            var requestMovement = request is null ? null : Book!.Movements[request.MovementId];
            var conflicts = request is null ? [] : ConflictsOf(request.Id);
            var chain = Book!.Arrangement.EscalationChain;
            var movement = intent.MovementId is { } movementId ? Book!.Movements[movementId] : null;
            var feature = intent.MovementId is { } id ? Movement(id)?.Feature ?? default : default;
            // Captures the act's kind, party and time, not the act: its envelope is not held after the commit.
            var (kind, by, at) = (act.Kind, act.Party, act.Time);
            if (!_events.TryGetValue(intent.Party, out var list))
            {
                _events[intent.Party] = list = [];
            }

            var ordinal = list.Count > 0 && list[^1].Index == index ? list[^1].Ordinal + 1 : 1;
            var e = new StreamEvent(index, ordinal, intent.Type, () =>
            {
                var data = intent.Extra ?? [];
                data["index"] = index;
                data["kind"] = kind;
                data["by"] = by;
                data["at"] = ConflictRecord.Iso(at);
                if (request is not null)
                {
                    data["request"] = Views.ToJson(Views.Request(request, requestMovement!, chain, conflicts, at));
                }

                if (movement is not null)
                {
                    data["movement"] = Views.ToJson(Views.Movement(movement, feature, at));
                }

                return data;
            });
            list.Add(e);
        }
    }

    private static string LeafKey(ReadOnlyMemory<byte> leaf) => Convert.ToBase64String(SHA256.HashData(leaf.Span));

}
