using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Deconflict.Declare.Text;
using Deconflict.Geo;
using Deconflict.Server.Cot;
using Deconflict.Server.Cot.Proto;
using Google.Protobuf;

namespace Deconflict.Benchmarks.Track;

/// <summary>One TAK-like client of the end-to-end bench: a CoT TCP connection authenticated as a party, streaming
/// pre-encoded position reports (TAK Protocol v1 after the negotiation, or CoT XML), while a background reader drains
/// the alerts the server sends back.</summary>
internal sealed class CotFeed : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private Task? _drain;
    private long _received;

    private CotFeed(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public bool Protobuf { get; private set; }

    /// <summary>Bytes of alerts received back from the server.</summary>
    public long ReceivedBytes => Interlocked.Read(ref _received);

    /// <summary>Connects, reads the server's offer, and with <paramref name="protobuf"/> switches to TAK Protocol version 1.</summary>
    public static async Task<CotFeed> OpenAsync(LiveServer server, string party, bool protobuf)
    {
        var feed = new CotFeed(await server.ConnectCotAsync(party)) { Protobuf = protobuf };
        var reader = new NegotiationReader(feed._stream);
        var offer = await reader.ReadControlAsync();
        if (protobuf)
        {
            await feed._stream.WriteAsync(TakNegotiation.Request(offer.Uid, TakFraming.ProtocolVersion, DateTimeOffset.UtcNow));
            if ((await reader.ReadControlAsync()).Control?.Accepted != true)
            {
                throw new InvalidOperationException("the server refused TAK Protocol version 1");
            }
        }

        feed._drain = Task.Run(feed.DrainAsync);
        return feed;
    }

    /// <summary>One position report, as this feed encodes it.</summary>
    public byte[] Encode(string uid, Wgs84 position, DateTimeOffset time) =>
        Protobuf ? TakFraming.EncodeStreamFrame(TakReport(uid, position, time)) : XmlReport(uid, position, time);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes) => _stream.WriteAsync(bytes);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_drain is not null)
        {
            await _drain;
        }
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            int n;
            while ((n = await _stream.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref _received, n);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Closed at the end of the run.
        }
    }

    private static TakMessage TakReport(string uid, Wgs84 position, DateTimeOffset time) => new()
    {
        CotEvent = new Deconflict.Server.Cot.Proto.CotEvent
        {
            Type = "a-f-G-U-C", Uid = uid, How = "m-g",
            SendTime = (ulong)time.ToUnixTimeMilliseconds(), StartTime = (ulong)time.ToUnixTimeMilliseconds(), StaleTime = (ulong)time.AddMinutes(2).ToUnixTimeMilliseconds(),
            Lat = position.Latitude, Lon = position.Longitude, Hae = 412.5, Ce = 4.9, Le = 9999999.0,
            Detail = new Detail
            {
                Contact = new Contact { Endpoint = "*:-1:stcp", Callsign = uid },
                Group = new Group { Name = "Cyan", Role = "Team Member" },
                Track = new Deconflict.Server.Cot.Proto.Track { Course = 87.5, Speed = 12.4 },
            },
        },
    };

    private static byte[] XmlReport(string uid, Wgs84 position, DateTimeOffset time)
    {
        var t = MovementWriter.Iso(time);
        var stale = MovementWriter.Iso(time.AddMinutes(2));
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<event version=\"2.0\" uid=\"{uid}\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{t}\" start=\"{t}\" stale=\"{stale}\">"
            + $"<point lat=\"{position.Latitude:F7}\" lon=\"{position.Longitude:F7}\" hae=\"412.5\" ce=\"4.9\" le=\"9999999.0\"/><detail>"
            + $"<contact endpoint=\"*:-1:stcp\" callsign=\"{uid}\"/><__group role=\"Team Member\" name=\"Cyan\"/><track course=\"87.5\" speed=\"12.4\"/></detail></event>"));
    }
}
