using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage.Postgres;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests;

public sealed partial class SignedLogTests
{
    [Fact]
    public async Task AppendAsync_ManyConcurrentAppenders_AllDurableInBatchesAndInSeqOrderPerParty()
    {
        var parties = Enumerable.Range(0, 8).Select(i => SignerKey.Generate($"party-{i}")).ToArray();
        await using (var log = await OpenAsync(new LedgerOptions { Parties = [.. parties.Select(p => p.VerifierKey)] }))
        {
            // Each party appends its own seqs in order; parties run concurrently, and each keeps several appends in flight.
            var results = await Task.WhenAll(parties.Select(party => Task.Run(async () =>
            {
                var inFlight = Enumerable.Range(1, 200).Select(seq => log.AppendAsync(TestEnvelopes.Sign(party, seq)).AsTask()).ToList();
                return await Task.WhenAll(inFlight);
            })));

            Assert.Equal(1600, log.Size);
            Assert.Equal(Enumerable.Range(0, 1600).Select(i => (long)i), results.SelectMany(r => r.Select(a => a.Index)).Order());
            Assert.DoesNotContain(results.SelectMany(r => r), a => a.Duplicate);
            var entries = await log.ReadRangeAsync(0, 2000);
            foreach (var party in entries.GroupBy(e => e.Envelope.Envelope.Party))
            {
                Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), party.Select(e => e.Envelope.Envelope.Seq));
            }
        }

        foreach (var party in parties)
        {
            party.Dispose();
        }
    }

    [Fact]
    public async Task AppendAsync_SameEnvelopeAgain_ReturnsFirstIndexAsDuplicateAndAppendsNothing()
    {
        await using var log = await OpenAsync();
        var first = TestEnvelopes.Sign(_alpha, 1);
        await log.AppendAsync(TestEnvelopes.Sign(_bravo, 1));
        var appended = await log.AppendAsync(first);

        var again = await log.AppendAsync(SignedEnvelope.Parse(first.LeafBytes.Span));

        Assert.Equal(new AppendResult(1, Duplicate: false), appended);
        Assert.Equal(new AppendResult(1, Duplicate: true), again);
        Assert.Equal(2, log.Size);
    }

    [Fact]
    public async Task AppendAsync_SameEnvelopeConcurrently_OneAppendOneDuplicate()
    {
        await using var log = await OpenAsync();
        var envelope = TestEnvelopes.Sign(_alpha, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => log.AppendAsync(envelope).AsTask()));

        Assert.Equal(1, log.Size);
        Assert.All(results, r => Assert.Equal(0, r.Index));
        Assert.Single(results, r => !r.Duplicate);
    }

    [Fact]
    public async Task AppendAsync_ReplayedSeqWithOtherBody_RefusedAndNothingAppended()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 5));

        var e = await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(_alpha, 5, """{"other":true}""")));

        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, e.Code);
        Assert.Equal(1, log.Size);
    }

    [Fact]
    public async Task AppendAsync_UnknownPartyOrBadSignature_RefusedWithDistinctCodes()
    {
        await using var log = await OpenAsync();
        using var stranger = SignerKey.Generate("stranger");
        using var impostor = SignerKey.Generate("alpha");

        var unknown = await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(stranger, 1)));
        var forged = await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(impostor, 1)));

        Assert.Equal(LedgerErrorCodes.EnvelopeUnknownParty, unknown.Code);
        Assert.Equal(LedgerErrorCodes.EnvelopeBadSignature, forged.Code);
        Assert.Equal(0, log.Size);
        Assert.Equal(1, (await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1))).Index + 1);
    }

    [Fact]
    public async Task AppendAsync_BodyOverLimit_RefusedAsTooLarge()
    {
        await using var log = await OpenAsync(new LedgerOptions { Parties = [_alpha.VerifierKey], MaxBodyBytes = 64 });
        string body = $$"""{"pad":"{{new string('x', 100)}}"}""";

        var e = await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1, body)));

        Assert.Equal(LedgerErrorCodes.EnvelopeTooLarge, e.Code);
        Assert.Equal(0, log.Size);
    }

    [Fact]
    public async Task RegisterParty_AtRunTime_ItsEnvelopesAreAccepted()
    {
        await using var log = await OpenAsync(new LedgerOptions { Parties = [_alpha.VerifierKey] });
        await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(_bravo, 1)));

        log.RegisterParty(_bravo.VerifierKey);

        Assert.Equal(0, (await log.AppendAsync(TestEnvelopes.Sign(_bravo, 1))).Index);
    }

    [Fact]
    public async Task OpenAsync_Reopened_KeepsRootAndRefusesOldSeqs()
    {
        byte[] root;
        await using (var log = await OpenAsync())
        {
            for (int seq = 1; seq <= 300; seq++)
            {
                await log.AppendAsync(TestEnvelopes.Sign(seq % 2 == 0 ? _alpha : _bravo, seq));
            }

            root = log.Root.ToArray();
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(300, reopened.Size);
        Assert.Equal(root, reopened.Root.ToArray());
        var replay = await Assert.ThrowsAsync<LedgerException>(async () => await reopened.AppendAsync(TestEnvelopes.Sign(_alpha, 300, """{"x":1}""")));
        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, replay.Code);
        Assert.True((await reopened.AppendAsync(TestEnvelopes.Sign(_alpha, 2))).Duplicate);
        Assert.Equal(300, (await reopened.AppendAsync(TestEnvelopes.Sign(_alpha, 301))).Index);
    }

    [Fact]
    public async Task AppendAsync_OnPostgres_SameBehaviourAsSqlite()
    {
        var storage = await PostgresLedgerStorage.OpenAsync(TestPostgres.ConnectionString, $"log_{Guid.NewGuid():N}", default);
        await using var log = await OpenAsync(storage: storage);

        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(seq => log.AppendAsync(TestEnvelopes.Sign(_alpha, seq)).AsTask()));
        var again = await log.AppendAsync(TestEnvelopes.Sign(_alpha, 7));

        Assert.Equal(50, log.Size);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), results.Select(r => r.Index).Order());
        Assert.Equal(new AppendResult(6, Duplicate: true), again);
        var proof = await log.ProveInclusionAsync(6, 50);
        Assert.True(MerkleVerifier.VerifyInclusion(6, 50, MerkleHash.LeafHash(TestEnvelopes.Sign(_alpha, 7).LeafBytes.Span), proof, log.Root.Span));
    }
}
