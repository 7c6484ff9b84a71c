using System.Text;
using CsCheck;
using Deconflict.Server.Cot;

namespace Deconflict.Server.Tests.Cot;

public sealed class CotStreamSplitterTests
{
    private const int Max = 64 * 1024;

    /// <summary>One outcome of the splitter: a frame's bytes, or a skip or failure with its reason.</summary>
    private readonly record struct Outcome(CotSplitStatus Status, string Frame, CotDropReason Reason);

    /// <summary>Feeds <paramref name="stream"/> in the chunks given by <paramref name="cuts"/>, as a socket reader would,
    /// keeping unconsumed bytes and carrying the state.</summary>
    private static List<Outcome> Split(byte[] stream, IEnumerable<int> cuts, CotSplitterState state = default, int max = Max)
    {
        var outcomes = new List<Outcome>();
        var pending = new List<byte>();
        var bounds = cuts.Where(c => c > 0 && c < stream.Length).Distinct().Order().Append(stream.Length).ToList();
        var from = 0;
        foreach (var to in bounds)
        {
            pending.AddRange(stream.AsSpan(from, to - from).ToArray());
            from = to;
            var final = to == stream.Length;
            while (true)
            {
                var splitter = new CotStreamSplitter(pending.ToArray(), final, state, max);
                var status = splitter.Read();
                state = splitter.CurrentState;
                pending.RemoveRange(0, splitter.BytesConsumed);
                if (status == CotSplitStatus.NeedMoreData)
                {
                    Assert.False(final);
                    break;
                }

                if (status == CotSplitStatus.End)
                {
                    return outcomes;
                }

                outcomes.Add(new Outcome(status, Convert.ToHexString(splitter.Frame), splitter.DropReason));
                if (status == CotSplitStatus.Fatal)
                {
                    return outcomes;
                }
            }
        }

        throw new InvalidOperationException("The final block did not end the stream.");
    }

    private static Outcome XmlEvent(byte[] bytes) => new(CotSplitStatus.XmlEvent, Convert.ToHexString(bytes), CotDropReason.None);

    private static byte[] Trimmed(byte[] file) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Trim());

    public static TheoryData<string> XmlFiles => CotVectors.XmlTheory();

    [Theory]
    [MemberData(nameof(XmlFiles))]
    public void Read_VectorTwiceCutAtEveryOffset_SameTwoEvents(string name)
    {
        var file = CotVectors.Xml(name);
        var stream = file.Concat(file).ToArray();
        var expected = new[] { XmlEvent(Trimmed(file)), XmlEvent(Trimmed(file)) };
        for (var cut = 0; cut <= stream.Length; cut++)
        {
            Assert.Equal(expected, Split(stream, [cut]));
        }
    }

    [Fact]
    public void Read_AllVectorsBackToBackInRandomChunks_EveryEventInOrder()
    {
        var files = CotVectors.XmlNames.Select(CotVectors.Xml).Append(CotVectors.Proto("wintak-eliopoli-mesh.xml")).ToList();
        // TAK servers want the next event to start right after "</event>": drop the files' trailing newline.
        var stream = files.SelectMany(f => Trimmed(f)).ToArray();
        var expected = files.Select(f => XmlEvent(Trimmed(f))).ToList();
        Gen.Int[0, stream.Length].Array[0, 40].Sample(cuts => Assert.Equal(expected, Split(stream, cuts)), iter: 300);
    }

    [Fact]
    public void Read_TakFramesCutAtEveryOffset_SamePayloads()
    {
        var frame = CotVectors.Proto("wintak-eliopoli-stream.bin");
        var stream = frame.Concat(frame).Concat(frame).ToArray();
        var payload = new Outcome(CotSplitStatus.TakPayload, Convert.ToHexString(frame.AsSpan(3)), CotDropReason.None);
        var tak = new CotSplitterState().SwitchToTakProtocol();
        for (var cut = 0; cut <= stream.Length; cut++)
        {
            for (var cut2 = cut; cut2 <= stream.Length; cut2 += 97)
            {
                Assert.Equal([payload, payload, payload], Split(stream, [cut, cut2], tak));
            }
        }
    }

    [Fact]
    public void Read_GarbageBetweenEvents_SkippedThenResynchronised()
    {
        var ev = Trimmed(CotVectors.Xml("atak-position-a-f-G-U-C.xml"));
        var stream = ev.Concat("\r\n  junk!! \x01"u8.ToArray()).Concat(ev).ToArray();
        for (var cut = 0; cut <= stream.Length; cut++)
        {
            var outcomes = Split(stream, [cut]);
            Assert.Equal(XmlEvent(ev), outcomes[0]);
            Assert.Equal(XmlEvent(ev), outcomes[^1]);
            Assert.All(outcomes.Skip(1).SkipLast(1), o => Assert.Equal((CotSplitStatus.Skipped, CotDropReason.Garbage), (o.Status, o.Reason)));
            Assert.InRange(outcomes.Count, 3, 4);
        }
    }

    [Fact]
    public void Read_NoEndTagWithinLimit_FatalOversized()
    {
        var stream = Encoding.UTF8.GetBytes("<event>" + new string('x', 2000));
        Assert.Equal([new Outcome(CotSplitStatus.Fatal, "", CotDropReason.Oversized)], Split(stream, [100, 1000], max: 1024));
    }

    [Fact]
    public void Read_CompleteEventLargerThanLimit_SkippedOversizedAndResynchronised()
    {
        var big = Encoding.UTF8.GetBytes("<event>" + new string('x', 2000) + "</event>");
        var ev = Trimmed(CotVectors.Xml("atak-position-a-f-G-U-C.xml"));
        var outcomes = Split(big.Concat(ev).ToArray(), [], max: 1024);
        Assert.Equal([new Outcome(CotSplitStatus.Skipped, "", CotDropReason.Oversized), XmlEvent(ev)], outcomes);
    }

    [Fact]
    public void Read_StreamEndsInsideEvent_FatalTruncated()
    {
        var ev = Trimmed(CotVectors.Xml("atak-position-a-f-G-U-C.xml"));
        var outcomes = Split(ev.Concat(ev.AsSpan(0, 50).ToArray()).ToArray(), [30]);
        Assert.Equal([XmlEvent(ev), new Outcome(CotSplitStatus.Fatal, "", CotDropReason.Truncated)], outcomes);
    }

    [Fact]
    public void Read_TakLengthClaimsMoreThanSent_FatalTruncated()
    {
        var frame = CotVectors.Proto("wintak-eliopoli-stream.bin");
        frame[1] = 0xb4; // 308 instead of 307
        var outcomes = Split(frame, [], new CotSplitterState().SwitchToTakProtocol());
        Assert.Equal([new Outcome(CotSplitStatus.Fatal, "", CotDropReason.Truncated)], outcomes);
    }

    [Fact]
    public void Read_TakLengthClaimsLessThanSent_PayloadThenFatalBadHeader()
    {
        var frame = CotVectors.Proto("wintak-eliopoli-stream.bin");
        frame[1] = 0xb0; // 304 instead of 307: the last 3 payload bytes are read as the next header
        var outcomes = Split(frame, [], new CotSplitterState().SwitchToTakProtocol());
        Assert.Equal(CotSplitStatus.TakPayload, outcomes[0].Status);
        Assert.Equal(new Outcome(CotSplitStatus.Fatal, "", CotDropReason.BadFrameHeader), outcomes[1]);
    }

    [Fact]
    public void Read_TakLengthBeyondLimit_FatalOversized()
    {
        var outcomes = Split([0xbf, 0xff, 0xff, 0x04], [], new CotSplitterState().SwitchToTakProtocol());
        Assert.Equal([new Outcome(CotSplitStatus.Fatal, "", CotDropReason.Oversized)], outcomes);
    }

    [Fact]
    public void Read_TakLengthVarintTooLong_FatalBadFrameHeader()
    {
        var outcomes = Split([0xbf, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [3], new CotSplitterState().SwitchToTakProtocol());
        Assert.Equal([new Outcome(CotSplitStatus.Fatal, "", CotDropReason.BadFrameHeader)], outcomes);
    }

    [Fact]
    public void Read_EmptyOrWhitespaceFinalBlock_End()
    {
        Assert.Empty(Split([], []));
        Assert.Empty(Split(" \r\n\t "u8.ToArray(), [2]));
    }
}
