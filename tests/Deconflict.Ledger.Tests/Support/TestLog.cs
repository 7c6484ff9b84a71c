using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Proof;

namespace Deconflict.Ledger.Tests.Support;

/// <summary>A small real log: 11 envelopes by two parties, an operator-signed checkpoint cosigned by both parties.</summary>
public sealed class TestLog : IDisposable
{
    public const string Origin = "deconflict.example/test-ledger";

    public TestLog()
    {
        Operator = SignerKey.Generate(Origin);
        Us = SignerKey.Generate("us");
        Ru = SignerKey.Generate("ru");
        Entries = [.. Enumerable.Range(1, 11).Select(i => TestEnvelopes.Sign(i % 2 == 0 ? Us : Ru, i, $$"""{"n":{{i}}}"""))];
        LeafHashes = [.. Entries.Select(e => MerkleHash.LeafHash(e.LeafBytes.Span))];
        var note = CheckpointSigner.Sign(new Deconflict.Ledger.Checkpoint.Checkpoint(Origin, Entries.Length, ReferenceTree.Root(LeafHashes)), Operator);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_764_072_000);
        CheckpointNote = note.WithSignature(Cosigner.Cosign(note, Us, at)).WithSignature(Cosigner.Cosign(note, Ru, at));
    }

    public SignerKey Operator { get; }

    public SignerKey Us { get; }

    public SignerKey Ru { get; }

    public SignedEnvelope[] Entries { get; }

    public byte[][] LeafHashes { get; }

    public SignedNote CheckpointNote { get; }

    public IReadOnlyList<VerifierKey> AllKeys => [Operator.VerifierKey, Us.VerifierKey, Ru.VerifierKey];

    public ProofFile Prove(int index) => new(index, ReferenceTree.AuditPath(LeafHashes, index), CheckpointNote, Entries[index].LeafBytes.Span);

    public void Dispose()
    {
        Operator.Dispose();
        Us.Dispose();
        Ru.Dispose();
    }
}
