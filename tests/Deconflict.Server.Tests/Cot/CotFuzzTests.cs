using CsCheck;
using Deconflict.Server.Cot;

namespace Deconflict.Server.Tests.Cot;

/// <summary>Byte-mutation fuzzing seeded from the shared vectors: no exception escapes, and every outcome is counted once.</summary>
public sealed class CotFuzzTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CotIngestLimits Limits = new() { MaxEventBytes = 8 * 1024, MaxAge = TimeSpan.FromDays(3650), MaxAhead = TimeSpan.FromDays(365) };

    private static readonly byte[][] XmlSeeds = [.. CotVectors.XmlNames.Select(CotVectors.Xml)];
    private static readonly byte[] StreamFrame = CotVectors.Proto("wintak-eliopoli-stream.bin");
    private static readonly byte[] MeshFrame = CotVectors.Proto("wintak-eliopoli-mesh.bin");

    private enum Kind
    {
        Flip,
        Insert,
        Delete,
        Duplicate,
        Truncate,
    }

    private static readonly Gen<(Kind Kind, double At, double Length, byte Value)> Mutation =
        Gen.Select(Gen.Enum<Kind>(), Gen.Double[0, 1], Gen.Double[0, 1], Gen.Byte);

    private static byte[] Mutate(byte[] input, IEnumerable<(Kind Kind, double At, double Length, byte Value)> mutations)
    {
        var bytes = input.ToList();
        foreach (var (kind, at, length, value) in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var i = (int)(at * (bytes.Count - 1));
            var n = 1 + (int)(length * Math.Min(64, bytes.Count - i - 1));
            switch (kind)
            {
                case Kind.Flip: bytes[i] ^= (byte)(value | 1); break;
                case Kind.Insert: bytes.InsertRange(i, Enumerable.Repeat(value, n)); break;
                case Kind.Delete: bytes.RemoveRange(i, Math.Min(n, bytes.Count - i)); break;
                case Kind.Duplicate: bytes.InsertRange(i, bytes.GetRange(i, Math.Min(n, bytes.Count - i))); break;
                case Kind.Truncate: bytes.RemoveRange(i, bytes.Count - i); break;
            }
        }

        return [.. bytes];
    }

    private static readonly Gen<byte[]> XmlStreams =
        Gen.Int[0, XmlSeeds.Length - 1].Array[1, 4].Select(Mutation.Array[0, 6], (picks, mutations) =>
            Mutate([.. picks.SelectMany(p => XmlSeeds[p])], mutations));

    [Fact]
    public void CotStreamSession_MutatedXmlStreams_NoExceptionAndCountersAddUp()
    {
        Gen.Select(XmlStreams, Gen.Int[1, 700].Array[1, 8]).Sample((input, chunks) =>
        {
            var counters = new CotIngestCounters();
            var decoder = new CotDecoder(Limits, counters, new FixedTimeProvider(Now));
            var delivered = 0;
            var stream = new ScriptedStream(input, chunks);
            var session = new CotStreamSession(stream, decoder, (_, _) => { delivered++; return ValueTask.CompletedTask; }, new FixedTimeProvider(Now));
            var end = session.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(delivered, counters.Accepted);
            Assert.InRange(counters.BytesReceived, 0, input.Length);
            Assert.Equal(end == CotSessionEnd.Unrecoverable ? 1 : 0, counters.StreamsClosedUnrecoverable);
            Assert.True(end != CotSessionEnd.RemoteClosed || counters.BytesReceived == input.Length);
            Assert.NotEqual(CotSessionEnd.Cancelled, end);
        }, time: 4);
    }

    [Fact]
    public void CotStreamSplitter_MutatedTakStreams_EveryFrameCountedOnce()
    {
        var seeds = Gen.Int[1, 4].Select(Mutation.Array[0, 6], (n, mutations) => Mutate([.. Enumerable.Repeat(StreamFrame, n).SelectMany(f => f)], mutations));
        seeds.Sample(input =>
        {
            var counters = new CotIngestCounters();
            var decoder = new CotDecoder(Limits, counters, new FixedTimeProvider(Now));
            var outcomes = 0;
            var splitter = new CotStreamSplitter(input, true, new CotSplitterState().SwitchToTakProtocol(), Limits.MaxEventBytes);
            while (true)
            {
                var status = splitter.Read();
                if (status == CotSplitStatus.End)
                {
                    break;
                }

                outcomes++;
                if (status == CotSplitStatus.TakPayload)
                {
                    decoder.DecodeTakPayload(splitter.Frame, out _);
                    continue;
                }

                Assert.Equal(CotSplitStatus.Fatal, status);
                Assert.NotEqual(CotDropReason.None, splitter.DropReason);
                outcomes--;
                break;
            }

            Assert.Equal(outcomes, counters.Accepted + counters.ControlMessages + counters.TotalDropped);
        }, time: 3);
    }

    [Fact]
    public void CotDecoder_MutatedDatagrams_EveryDatagramCountedOnce()
    {
        var seeds = Gen.Int[0, XmlSeeds.Length].Select(Mutation.Array[0, 6], (pick, mutations) =>
            Mutate(pick == XmlSeeds.Length ? MeshFrame : XmlSeeds[pick], mutations));
        seeds.Sample(input =>
        {
            var counters = new CotIngestCounters();
            var decoder = new CotDecoder(Limits, counters, new FixedTimeProvider(Now));
            var reason = decoder.DecodeDatagram(input, out var cot);
            Assert.Equal(reason == CotDropReason.None, cot is not null);
            Assert.Equal(1, counters.Accepted + counters.ControlMessages + counters.TotalDropped);
            Assert.Equal(input.Length, counters.BytesReceived);
        }, time: 3);
    }
}
