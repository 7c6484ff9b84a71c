using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Deconflict.Server.Cot;

namespace Deconflict.Server.Tests.Cot;

/// <summary>Over real loopback sockets: a TAK-like client streams XML, negotiates TAK Protocol version 1, streams protobuf, and receives alerts in both encodings.</summary>
public sealed class CotStreamSessionTests
{
    private static readonly DateTimeOffset Now = new(2020, 2, 8, 18, 10, 50, TimeSpan.Zero);
    private static readonly CotIngestLimits Limits = new() { MaxAge = TimeSpan.FromDays(3650), MaxAhead = TimeSpan.FromDays(3650) };

    /// <summary>The client side: reads whole events off its socket with the same splitter a server uses.</summary>
    private sealed class TakClient(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private readonly CotDecoder _decoder = new(Limits, new CotIngestCounters(), new FixedTimeProvider(Now));
        private int _start;
        private int _end;

        public CotSplitterState State { get; set; }

        public async Task<CotEvent?> ReadEventAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var (status, cot) = TryRead();
                if (status is CotSplitStatus.XmlEvent or CotSplitStatus.TakPayload)
                {
                    return cot ?? throw new InvalidOperationException("The server sent an event the client could not decode.");
                }

                if (status is CotSplitStatus.End or CotSplitStatus.Fatal)
                {
                    return null;
                }

                var n = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
                _end += n;
                if (n == 0)
                {
                    var (last, _) = TryRead(final: true);
                    Assert.Equal(CotSplitStatus.End, last);
                    return null;
                }
            }
        }

        private (CotSplitStatus, CotEvent?) TryRead(bool final = false)
        {
            var splitter = new CotStreamSplitter(_buffer.AsSpan(_start, _end - _start), final, State, Limits.MaxEventBytes);
            var status = splitter.Read();
            _start += splitter.BytesConsumed;
            State = splitter.CurrentState;
            CotEvent? cot = null;
            if (status == CotSplitStatus.XmlEvent)
            {
                _decoder.DecodeXml(splitter.Frame, out cot);
            }
            else if (status == CotSplitStatus.TakPayload)
            {
                _decoder.DecodeTakPayload(splitter.Frame, out cot);
            }

            return (status, cot);
        }
    }

    private static CotAlert Alert(string uid) => new()
    {
        Uid = uid, Callsign = "DECONFLICT proximity", Latitude = 43.98, Longitude = -66.08, Time = Now,
        Remarks = "Eliopoli HQ (us) 120 m from BTR-4 (ru)", LinkedUid = "aa0b0312",
    };

    [Fact]
    public async Task RunAsync_XmlThenNegotiatedProtobuf_DeliversEverythingAndSendsAlertsInBothEncodings()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var counters = new CotIngestCounters();
        var received = Channel.CreateUnbounded<CotEvent>();
        var decoder = new CotDecoder(Limits, counters, new FixedTimeProvider(Now));

        CotStreamSession? session = null;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(ct);
            await using var stream = socket.GetStream();
            session = new CotStreamSession(stream, decoder, (e, c) => received.Writer.WriteAsync(e, c), new FixedTimeProvider(Now));
            return await session.RunAsync(ct);
        }, ct);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, ct);
        var clientStream = client.GetStream();
        var tak = new TakClient(clientStream);

        // 1. The server offers TAK Protocol version 1.
        var offer = await tak.ReadEventAsync(ct);
        Assert.Equal(TakNegotiation.OfferType, offer!.Type);
        Assert.Equal([1], offer.Control!.SupportedVersions);

        // 2. XML events back to back, the second split across two writes.
        var atak = CotVectors.Xml("atak-position-a-f-G-U-C.xml");
        var wintak = CotVectors.Xml("wintak-position-a-f-G-E-V-C.xml");
        await clientStream.WriteAsync(atak, ct);
        await clientStream.WriteAsync(wintak.AsMemory(0, 100), ct);
        await clientStream.FlushAsync(ct);
        Assert.Equal("ANDROID-deadbeef", (await received.Reader.ReadAsync(ct)).Uid);
        await clientStream.WriteAsync(wintak.AsMemory(100), ct);
        Assert.Equal("aa0b0312", (await received.Reader.ReadAsync(ct)).Uid);

        // 3. An alert before the switch arrives as XML.
        await session!.SendAsync(Alert("alert-1"), ct);
        var xmlAlert = await tak.ReadEventAsync(ct);
        Assert.Equal(("b-a-o-tbl", "alert-1", "Eliopoli HQ (us) 120 m from BTR-4 (ru)"), (xmlAlert!.Type, xmlAlert.Uid, xmlAlert.Remarks));

        // 4. The client asks for version 1 with the offer's uid; the server says yes; both switch to stream framing.
        await clientStream.WriteAsync(TakNegotiation.Request(offer.Uid, 1, Now), ct);
        var response = await tak.ReadEventAsync(ct);
        Assert.Equal((TakNegotiation.ResponseType, offer.Uid, (bool?)true), (response!.Type, response.Uid, response.Control!.Accepted));
        tak.State = tak.State.SwitchToTakProtocol();
        Assert.Equal(CotStreamFormat.TakProtocolV1, session.Format);

        // 5. Protobuf frames, the upstream vector twice, split mid-header.
        var frame = CotVectors.Proto("wintak-eliopoli-stream.bin");
        var two = frame.Concat(frame).ToArray();
        await clientStream.WriteAsync(two.AsMemory(0, 312), ct);
        await clientStream.FlushAsync(ct);
        await Task.Delay(20, ct);
        await clientStream.WriteAsync(two.AsMemory(312), ct);
        for (var i = 0; i < 2; i++)
        {
            var cot = await received.Reader.ReadAsync(ct);
            Assert.Equal(("aa0b0312-b5cd-4c2c-bbbc-9c4c70216261", "Eliopoli HQ"), (cot.Uid, cot.Callsign));
        }

        // 6. An alert after the switch arrives as a TAK Protocol stream frame.
        await session.SendAsync(Alert("alert-1") with { Cancel = true }, ct);
        var protoAlert = await tak.ReadEventAsync(ct);
        Assert.Equal(("b-a-o-can", "alert-1", "DECONFLICT proximity"), (protoAlert!.Type, protoAlert.Uid, protoAlert.Callsign));

        // 7. The client hangs up between events.
        client.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(CotSessionEnd.RemoteClosed, await server);
        Assert.Equal(4, counters.Accepted);
        Assert.Equal(1, counters.ControlMessages);
        Assert.Equal(0, counters.TotalDropped);
    }

    [Fact]
    public async Task RunAsync_LyingLengthAfterNegotiation_ClosesTheConnectionCleanly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var counters = new CotIngestCounters();
        var decoder = new CotDecoder(Limits, counters, new FixedTimeProvider(Now));
        var delivered = 0;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(ct);
            var session = new CotStreamSession(socket.GetStream(), decoder, (_, _) => { delivered++; return ValueTask.CompletedTask; }, new FixedTimeProvider(Now));
            return await session.RunAsync(ct);
        }, ct);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, ct);
        var stream = client.GetStream();
        var tak = new TakClient(stream);
        var offer = await tak.ReadEventAsync(ct);
        await stream.WriteAsync(TakNegotiation.Request(offer!.Uid, 1, Now), ct);
        Assert.True((await tak.ReadEventAsync(ct))!.Control!.Accepted);
        tak.State = tak.State.SwitchToTakProtocol();

        var frame = CotVectors.Proto("wintak-eliopoli-stream.bin");
        var lying = (byte[])frame.Clone();
        lying[1] = 0xb0; // claims 304 bytes; the frame's last 3 bytes then stand where the next header should be
        await stream.WriteAsync(frame.Concat(lying).Concat(frame).ToArray(), ct);

        Assert.Equal(CotSessionEnd.Unrecoverable, await server);
        Assert.Null(await tak.ReadEventAsync(ct)); // the server closed: end of stream on the client
        Assert.Equal(1, delivered);
        Assert.Equal(1, counters.Dropped(CotDropReason.MalformedProtobuf)); // the short payload cuts the detail message
        Assert.Equal(1, counters.Dropped(CotDropReason.BadFrameHeader));
        Assert.Equal(1, counters.StreamsClosedUnrecoverable);
    }

    [Fact]
    public async Task RunAsync_RequestWithWrongUid_RefusedAndStaysXml()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var input = TakNegotiation.Request("not-the-offer-uid", 1, Now).Concat(CotVectors.Xml("atak-position-a-f-G-U-C.xml")).ToArray();
        var stream = new ScriptedStream(input, []);
        var counters = new CotIngestCounters();
        var delivered = new List<CotEvent>();
        var session = new CotStreamSession(stream, new CotDecoder(Limits, counters, new FixedTimeProvider(Now)), (e, _) => { delivered.Add(e); return ValueTask.CompletedTask; }, new FixedTimeProvider(Now));
        Assert.Equal(CotSessionEnd.RemoteClosed, await session.RunAsync(timeout.Token));
        Assert.Equal(CotStreamFormat.Xml, session.Format);
        Assert.Equal("ANDROID-deadbeef", Assert.Single(delivered).Uid);
        Assert.Contains("<TakResponse status=\"false\" />", System.Text.Encoding.UTF8.GetString(stream.Written.ToArray()), StringComparison.Ordinal);
    }
}
