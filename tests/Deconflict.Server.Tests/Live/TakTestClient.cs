using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Deconflict.Server.Cot;
using Contact = Deconflict.Server.Cot.Proto.Contact;
using CotEvent = Deconflict.Server.Cot.CotEvent;
using Detail = Deconflict.Server.Cot.Proto.Detail;
using TakMessage = Deconflict.Server.Cot.Proto.TakMessage;

namespace Deconflict.Server.Tests.Live;

/// <summary>A TAK-like client on a real loopback socket: authenticates with a session line, streams CoT XML, negotiates
/// TAK Protocol version 1 as ATAK does, streams protobuf, and reads what the server sends back.</summary>
internal sealed class TakTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private readonly CotDecoder _decoder;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private CotSplitterState _readState;
    private bool _writeProto;

    private TakTestClient(TimeProvider clock) => _decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), clock);

    public static async Task<TakTestClient> ConnectAsync(int port, string? firstLine, TimeProvider clock)
    {
        var client = new TakTestClient(clock);
        await client._tcp.ConnectAsync(IPAddress.Loopback, port);
        if (firstLine is not null)
        {
            await client._tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(firstLine + "\n"));
        }

        return client;
    }

    /// <summary>Sends a position of <paramref name="uid"/> as XML, or as a stream-framed TakMessage after negotiation.</summary>
    public async Task SendPositionAsync(string uid, double longitude, double latitude, DateTimeOffset time)
    {
        var bytes = _writeProto ? TakFraming.EncodeStreamFrame(ProtoPosition(uid, longitude, latitude, time)) : XmlPosition(uid, longitude, latitude, time);
        await _tcp.GetStream().WriteAsync(bytes);
    }

    /// <summary>Reads the server's offer, asks for version 1, reads the positive answer; both sides then speak protobuf.</summary>
    public async Task NegotiateAsync(TimeProvider clock)
    {
        var offer = (await ReadUntilAsync(e => e.Type == "t-x-takp-v", TimeSpan.FromSeconds(10))).Last();
        await _tcp.GetStream().WriteAsync(TakNegotiation.Request(offer.Uid, TakFraming.ProtocolVersion, clock.GetUtcNow()));
        var response = (await ReadUntilAsync(e => e.Type == "t-x-takp-r", TimeSpan.FromSeconds(10))).Last();
        Assert.True(response.Control?.Accepted, "the server refused TAK Protocol version 1");
        _readState = _readState.SwitchToTakProtocol();
        _writeProto = true;
    }

    /// <summary>Reads events until one matches, failing after <paramref name="timeout"/>; returns all read.</summary>
    public async Task<List<CotEvent>> ReadUntilAsync(Func<CotEvent, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var events = new List<CotEvent>();
        while (true)
        {
            while (TryReadEvent(out var e))
            {
                events.Add(e);
                if (match(e))
                {
                    return events;
                }
            }

            var n = await _tcp.GetStream().ReadAsync(_buffer.AsMemory(_end), cts.Token);
            Assert.True(n > 0, "the server closed the connection");
            _end += n;
        }
    }

    /// <summary>Reads whatever arrives until the socket has been quiet for <paramref name="quiet"/>.</summary>
    public async Task<List<CotEvent>> ReadQuietAsync(TimeSpan quiet)
    {
        var events = new List<CotEvent>();
        while (true)
        {
            while (TryReadEvent(out var e))
            {
                events.Add(e);
            }

            using var cts = new CancellationTokenSource(quiet);
            try
            {
                var n = await _tcp.GetStream().ReadAsync(_buffer.AsMemory(_end), cts.Token);
                Assert.True(n > 0, "the server closed the connection");
                _end += n;
            }
            catch (OperationCanceledException)
            {
                return events;
            }
        }
    }

    private bool TryReadEvent(out CotEvent cotEvent)
    {
        cotEvent = null!;
        var splitter = new CotStreamSplitter(_buffer.AsSpan(_start, _end - _start), false, _readState, CotIngestLimits.Default.MaxEventBytes);
        var status = splitter.Read();
        _start += splitter.BytesConsumed;
        _readState = splitter.CurrentState;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        CotEvent? decoded;
        CotDropReason reason;
        if (status == CotSplitStatus.XmlEvent)
        {
            reason = _decoder.DecodeXml(splitter.Frame, out decoded);
        }
        else if (status == CotSplitStatus.TakPayload)
        {
            reason = _decoder.DecodeTakPayload(splitter.Frame, out decoded);
        }
        else
        {
            return false;
        }

        Assert.Equal(CotDropReason.None, reason);
        cotEvent = decoded!;
        return true;
    }

    public static byte[] XmlPosition(string uid, double longitude, double latitude, DateTimeOffset time)
    {
        var t = Iso(time);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<event version=\"2.0\" uid=\"{uid}\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{t}\" start=\"{t}\" stale=\"{Iso(time.AddMinutes(2))}\"><point lat=\"{latitude:R}\" lon=\"{longitude:R}\" hae=\"400\" ce=\"5\" le=\"9999999\"/><detail><contact callsign=\"{uid}\"/></detail></event>"));
    }

    private static TakMessage ProtoPosition(string uid, double longitude, double latitude, DateTimeOffset time) => new()
    {
        CotEvent = new Deconflict.Server.Cot.Proto.CotEvent
        {
            Type = "a-f-G-U-C",
            Uid = uid,
            How = "m-g",
            SendTime = (ulong)time.ToUnixTimeMilliseconds(),
            StartTime = (ulong)time.ToUnixTimeMilliseconds(),
            StaleTime = (ulong)time.AddMinutes(2).ToUnixTimeMilliseconds(),
            Lat = latitude,
            Lon = longitude,
            Hae = 400,
            Ce = 5,
            Le = 9_999_999,
            Detail = new Detail { Contact = new Contact { Callsign = uid } },
        },
    };

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
