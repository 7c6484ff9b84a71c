using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage.Sqlite;
using Deconflict.Ledger.Tests.Storage;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests;

public sealed partial class SignedLogTests
{
    [Fact]
    public async Task AppendAsync_BatchFailsToCommit_ThrowsTransientAndLogGoesOnUnchanged()
    {
        var storage = new FailingStorage(await SqliteLedgerStorage.OpenAsync(DbPath, default));
        await using var log = await OpenAsync(storage: storage);
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1));
        var root = log.Root.ToArray();
        storage.FailNextAppend();

        var e = await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(_alpha, 2)));

        Assert.Equal(LedgerErrorCodes.StorageUnavailable, e.Code);
        Assert.True(e.IsTransient);
        Assert.Equal(1, log.Size);
        Assert.Equal(root, log.Root.ToArray());
        // The refused seq was released: the same envelope can be retried, and the log goes on.
        Assert.Equal(new AppendResult(1, Duplicate: false), await log.AppendAsync(TestEnvelopes.Sign(_alpha, 2)));
        Assert.Equal(new AppendResult(2, Duplicate: false), await log.AppendAsync(TestEnvelopes.Sign(_alpha, 3)));
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsLogClosed()
    {
        var log = await OpenAsync();
        await log.DisposeAsync();

        var e = await Assert.ThrowsAsync<LedgerException>(async () => await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1)));

        Assert.Equal(LedgerErrorCodes.LogClosed, e.Code);
    }

    [Fact]
    public async Task ProveInclusionAsync_NoTileCache_ReadsFullTilesFromStorage()
    {
        var hashes = new List<byte[]>();
        await using (var log = await OpenAsync())
        {
            for (int seq = 1; seq <= 700; seq++)
            {
                var envelope = TestEnvelopes.Sign(seq % 2 == 0 ? _alpha : _bravo, seq);
                await log.AppendAsync(envelope);
                hashes.Add(MerkleHash.LeafHash(envelope.LeafBytes.Span));
            }
        }

        await using var reopened = await OpenAsync(new LedgerOptions { Parties = [_alpha.VerifierKey, _bravo.VerifierKey], CachedTiles = 0 });

        foreach (int index in new[] { 0, 255, 256, 300, 511, 512, 699 })
        {
            var proof = await reopened.ProveInclusionAsync(index, 700);
            Assert.True(MerkleVerifier.VerifyInclusion(index, 700, hashes[index], proof, reopened.Root.Span));
        }

        var consistency = await reopened.ProveConsistencyAsync(257, 700);
        Assert.True(MerkleVerifier.VerifyConsistency(257, 700, consistency, await reopened.RootAtAsync(257), reopened.Root.Span));
    }
}
