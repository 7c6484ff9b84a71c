using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests;

public sealed partial class SignedLogTests
{
    [Fact]
    public async Task ReadAsync_AppendedEntry_RoundTripsLeafBytesAndHash()
    {
        await using var log = await OpenAsync();
        var envelope = TestEnvelopes.Sign(_alpha, 1);
        await log.AppendAsync(envelope);

        var entry = await log.ReadAsync(0);

        Assert.Equal(envelope.LeafBytes.ToArray(), entry.Envelope.LeafBytes.ToArray());
        Assert.Equal(MerkleHash.LeafHash(envelope.LeafBytes.Span), entry.LeafHash.ToArray());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await log.ReadAsync(1));
    }

    [Fact]
    public async Task FollowAsync_FromZero_YieldsStoredThenNewEntriesInOrder()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1));
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 2));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<long>();

        var follower = Task.Run(async () =>
        {
            await foreach (var entry in log.FollowAsync(1, cts.Token))
            {
                seen.Add(entry.Index);
                if (entry.Index == 4)
                {
                    break;
                }
            }
        });
        for (int seq = 3; seq <= 5; seq++)
        {
            await log.AppendAsync(TestEnvelopes.Sign(_bravo, seq));
        }

        await follower;
        Assert.Equal([1, 2, 3, 4], seen);
    }

    [Fact]
    public async Task ProveAsync_EveryIndexAndSize_VerifiesAgainstRoots()
    {
        await using var log = await OpenAsync();
        var hashes = new List<byte[]>();
        var roots = new List<byte[]> { Array.Empty<byte>() };
        for (int seq = 1; seq <= 40; seq++)
        {
            var envelope = TestEnvelopes.Sign(_alpha, seq);
            await log.AppendAsync(envelope);
            hashes.Add(MerkleHash.LeafHash(envelope.LeafBytes.Span));
            roots.Add(log.Root.ToArray());
        }

        for (int size = 1; size <= 40; size++)
        {
            Assert.Equal(roots[size], await log.RootAtAsync(size));
            for (int index = 0; index < size; index++)
            {
                var proof = await log.ProveInclusionAsync(index, size);
                Assert.True(MerkleVerifier.VerifyInclusion(index, size, hashes[index], proof, roots[size]));
            }

            for (int old = 1; old <= size; old++)
            {
                var proof = await log.ProveConsistencyAsync(old, size);
                Assert.True(MerkleVerifier.VerifyConsistency(old, size, proof, roots[old], roots[size]));
            }
        }
    }
}
