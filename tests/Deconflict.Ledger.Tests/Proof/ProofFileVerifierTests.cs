using System.Text;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Proof;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Proof;

public sealed class ProofFileVerifierTests : IClassFixture<TestLog>
{
    private readonly TestLog _log;

    public ProofFileVerifierTests(TestLog log) => _log = log;

    [Fact]
    public void Verify_EveryEntryOfTheLog_SucceedsAndReportsWhatItVerified()
    {
        for (var i = 0; i < _log.Entries.Length; i++)
        {
            var result = ProofFileVerifier.Verify(ProofFile.Parse(_log.Prove(i).Format()), _log.AllKeys, minCosignatures: 2);

            Assert.True(result.Succeeded, result.Failure);
            Assert.Equal(i, result.Index);
            Assert.Equal(i + 1, result.Entry!.Envelope.Seq);
            Assert.Equal(result.Entry.Envelope.Party, result.EntrySigner!.Name);
            Assert.Equal([_log.Operator.VerifierKey], result.Checkpoint!.Signers);
            Assert.Equal(_log.Operator.VerifierKey, result.LogSigner);
            Assert.Equal(["us", "ru"], result.Checkpoint.Cosignatures.Select(c => c.Key.Name));
        }
    }

    [Fact]
    public void Verify_EveryFlippedByteOfTheFile_Fails()
    {
        var text = Encoding.UTF8.GetBytes(_log.Prove(6).Format());
        for (var i = 0; i < text.Length; i++)
        {
            var tampered = (byte[])text.Clone();
            tampered[i] ^= 0x01;
            ProofFile file;
            try
            {
                file = ProofFile.Parse(tampered);
            }
            catch (LedgerException e)
            {
                Assert.Equal(LedgerErrorCodes.ProofMalformed, e.Code);
                continue;
            }

            var result = ProofFileVerifier.Verify(file, _log.AllKeys, minCosignatures: 2);
            Assert.False(result.Succeeded, $"flipping byte {i} of the proof file still verified");
            Assert.StartsWith(result.FailedPart switch
            {
                ProofPart.Checkpoint => "checkpoint: ",
                ProofPart.Cosignatures => "cosignatures: ",
                ProofPart.Entry => "entry: ",
                ProofPart.EntrySignature => "entry signature: ",
                _ => "inclusion proof: ",
            }, result.Failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_AlteredProofHash_FailsAtInclusionProof()
    {
        var proof = ReferenceTree.AuditPath(_log.LeafHashes, 4);
        proof[1][0] ^= 0x80;

        var result = ProofFileVerifier.Verify(new ProofFile(4, proof, _log.CheckpointNote, _log.Entries[4].LeafBytes.Span), _log.AllKeys);

        Assert.Equal(ProofPart.InclusionProof, result.FailedPart);
        Assert.NotNull(result.EntrySigner);
    }

    [Fact]
    public void Verify_WrongIndex_FailsAtInclusionProof() =>
        Assert.Equal(
            ProofPart.InclusionProof,
            ProofFileVerifier.Verify(new ProofFile(5, ReferenceTree.AuditPath(_log.LeafHashes, 4), _log.CheckpointNote, _log.Entries[4].LeafBytes.Span), _log.AllKeys).FailedPart);

    [Fact]
    public void Verify_EntryOfAnotherLog_FailsAtInclusionProof()
    {
        var stranger = TestEnvelopes.Sign(_log.Us, 99);

        var result = ProofFileVerifier.Verify(new ProofFile(4, ReferenceTree.AuditPath(_log.LeafHashes, 4), _log.CheckpointNote, stranger.LeafBytes.Span), _log.AllKeys);

        Assert.Equal(ProofPart.InclusionProof, result.FailedPart);
    }

    [Fact]
    public void Verify_EntryWithAlteredBody_FailsAtEntrySignature()
    {
        var leaf = Encoding.UTF8.GetString(_log.Entries[4].LeafBytes.Span).Replace("\"n\":5", "\"n\":6", StringComparison.Ordinal);

        var result = ProofFileVerifier.Verify(new ProofFile(4, ReferenceTree.AuditPath(_log.LeafHashes, 4), _log.CheckpointNote, Encoding.UTF8.GetBytes(leaf)), _log.AllKeys);

        Assert.Equal(ProofPart.EntrySignature, result.FailedPart);
    }

    [Fact]
    public void Verify_PartyKeyMissing_FailsAtEntrySignatureNamingTheParty()
    {
        var result = ProofFileVerifier.Verify(_log.Prove(1), [_log.Operator.VerifierKey, _log.Ru.VerifierKey]); // entry 1 is by "us"

        Assert.Equal(ProofPart.EntrySignature, result.FailedPart);
        Assert.Contains("'us'", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoExtra_FailsAtEntry() =>
        Assert.Equal(ProofPart.Entry, ProofFileVerifier.Verify(new ProofFile(4, ReferenceTree.AuditPath(_log.LeafHashes, 4), _log.CheckpointNote), _log.AllKeys).FailedPart);

    [Fact]
    public void Verify_ExtraNotAnEnvelope_FailsAtEntry() =>
        Assert.Equal(ProofPart.Entry, ProofFileVerifier.Verify(new ProofFile(4, ReferenceTree.AuditPath(_log.LeafHashes, 4), _log.CheckpointNote, "one"u8), _log.AllKeys).FailedPart);

    [Fact]
    public void Verify_WithoutTheLogKey_FailsAtCheckpoint()
    {
        var result = ProofFileVerifier.Verify(_log.Prove(2), [_log.Us.VerifierKey, _log.Ru.VerifierKey]);

        Assert.Equal(ProofPart.Checkpoint, result.FailedPart);
        Assert.Contains(LedgerErrorCodes.CheckpointUnsigned, result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FewerCosignersThanRequired_FailsAtCosignatures()
    {
        var result = ProofFileVerifier.Verify(_log.Prove(2), [_log.Operator.VerifierKey, _log.Us.VerifierKey, _log.Ru.VerifierKey], minCosignatures: 3);

        Assert.Equal(ProofPart.Cosignatures, result.FailedPart);
        Assert.Null(result.Entry);
    }

    [Fact]
    public void Verify_CheckpointWithAlteredSize_FailsAtCheckpoint()
    {
        var note = _log.CheckpointNote;
        var forged = new SignedNote(note.Text.Replace("\n11\n", "\n12\n", StringComparison.Ordinal), note.Signatures);

        var result = ProofFileVerifier.Verify(new ProofFile(4, ReferenceTree.AuditPath(_log.LeafHashes, 4), forged, _log.Entries[4].LeafBytes.Span), _log.AllKeys);

        Assert.Equal(ProofPart.Checkpoint, result.FailedPart);
        Assert.Contains(LedgerErrorCodes.NoteBadSignature, result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CheckpointSignedByTheEntrysOwnParty_FailsAtCheckpoint()
    {
        // Entry 1 is by "us"; "us" signs a checkpoint of its own making with its plain Ed25519 key.
        var result = ProofFileVerifier.Verify(SignedBy(_log.Us, 1), _log.AllKeys);

        Assert.Equal(ProofPart.Checkpoint, result.FailedPart);
        Assert.Contains($"no signature by the log key '{TestLog.Origin}'", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CheckpointSignedByAnotherParty_FailsAtCheckpointWhenTheLogKeyIsKnown()
    {
        var result = ProofFileVerifier.Verify(SignedBy(_log.Ru, 1), _log.AllKeys);

        Assert.Equal(ProofPart.Checkpoint, result.FailedPart);
        Assert.Null(result.LogSigner);
    }

    [Fact]
    public void Verify_NoKeyNamedAfterOriginAndOnlyThePartySigned_FailsAtCheckpoint()
    {
        var result = ProofFileVerifier.Verify(SignedBy(_log.Us, 1), [_log.Us.VerifierKey, _log.Ru.VerifierKey]);

        Assert.Equal(ProofPart.Checkpoint, result.FailedPart);
        Assert.Contains("not by a log key", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OperatorKeyNotNamedAfterOrigin_IsFoundByElimination()
    {
        using var operatorKey = SignerKey.Generate("operator");

        var result = ProofFileVerifier.Verify(SignedBy(operatorKey, 1), [operatorKey.VerifierKey, _log.Us.VerifierKey, _log.Ru.VerifierKey]);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(operatorKey.VerifierKey, result.LogSigner);
    }

    [Theory]
    [InlineData("operator", true)]
    [InlineData("ru", false)]
    public void Verify_LogKeyNamed_AcceptsOnlyThatKeysSignature(string logKeyName, bool succeeds)
    {
        using var operatorKey = SignerKey.Generate("operator");

        var result = ProofFileVerifier.Verify(SignedBy(operatorKey, 1), [operatorKey.VerifierKey, _log.Us.VerifierKey, _log.Ru.VerifierKey], logKeyName: logKeyName);

        Assert.Equal(succeeds, result.Succeeded);
    }

    private ProofFile SignedBy(SignerKey key, int index)
    {
        var note = CheckpointSigner.Sign(new Deconflict.Ledger.Checkpoint.Checkpoint(TestLog.Origin, _log.Entries.Length, ReferenceTree.Root(_log.LeafHashes)), key);
        return new ProofFile(index, ReferenceTree.AuditPath(_log.LeafHashes, index), note, _log.Entries[index].LeafBytes.Span);
    }
}
