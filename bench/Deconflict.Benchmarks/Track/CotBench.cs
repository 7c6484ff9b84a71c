using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Deconflict.Declare.Text;
using Deconflict.Server.Cot;
using Deconflict.Server.Cot.Proto;
using Google.Protobuf;

namespace Deconflict.Benchmarks.Track;

/// <summary>CoT decoding per core (XML and TAK Protocol v1), and ingest through <see cref="CotStreamSession"/> over loopback TCP.</summary>
internal static class CotBench
{
    public static async Task RunAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var xml = PositionReport(now, 0);
        var payload = ToTakMessage(now).ToByteArray();
        var decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), TimeProvider.System);
        Console.WriteLine($"# CoT sample: an ATAK-style position report, {xml.Length} bytes of XML, {payload.Length} bytes of protobuf payload");

        var xmlRate = TrackBench.Median(Repeat(3, () => Rate(() => decoder.DecodeXml(xml, out _))));
        Console.WriteLine($"cot xml decode: median {xmlRate:N0} events/s on one thread");
        var protoRate = TrackBench.Median(Repeat(3, () => Rate(() => decoder.DecodeTakPayload(payload, out _))));
        Console.WriteLine($"cot protobuf decode: median {protoRate:N0} events/s on one thread");

        var xmlStream = TrackBench.Median(await RepeatAsync(3, () => IngestAsync(negotiate: false, 100_000)));
        Console.WriteLine($"cot ingest over loopback TCP, XML stream, one connection: median {xmlStream:N0} events/s");
        var protoStream = TrackBench.Median(await RepeatAsync(3, () => IngestAsync(negotiate: true, 100_000)));
        Console.WriteLine($"cot ingest over loopback TCP, TAK Protocol v1 stream, one connection: median {protoStream:N0} events/s");
    }

    private static byte[] PositionReport(DateTimeOffset now, int unit)
    {
        var time = MovementWriter.Iso(now);
        var stale = MovementWriter.Iso(now.AddMinutes(2));
        return Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<event version=\"2.0\" uid=\"ANDROID-{unit:x12}\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{time}\" start=\"{time}\" stale=\"{stale}\">" +
            "<point lat=\"37.16681234\" lon=\"42.10129876\" hae=\"412.5\" ce=\"4.9\" le=\"9999999.0\"/><detail>" +
            "<takv os=\"34\" version=\"5.2.0.4 (abcdef01).1700000000-CIV\" device=\"SAMSUNG SM-G991B\" platform=\"ATAK-CIV\"/>" +
            $"<contact endpoint=\"*:-1:stcp\" callsign=\"MRAP {unit}\"/><uid Droid=\"MRAP {unit}\"/>" +
            "<precisionlocation altsrc=\"GPS\" geopointsrc=\"GPS\"/><__group role=\"Team Member\" name=\"Cyan\"/>" +
            "<status battery=\"81\"/><track course=\"87.5\" speed=\"12.4\"/></detail></event>");
    }

    private static TakMessage ToTakMessage(DateTimeOffset now) => new()
    {
        CotEvent = new Deconflict.Server.Cot.Proto.CotEvent
        {
            Type = "a-f-G-U-C", Uid = "ANDROID-000000000000", How = "m-g",
            SendTime = (ulong)now.ToUnixTimeMilliseconds(), StartTime = (ulong)now.ToUnixTimeMilliseconds(), StaleTime = (ulong)now.AddMinutes(2).ToUnixTimeMilliseconds(),
            Lat = 37.16681234, Lon = 42.10129876, Hae = 412.5, Ce = 4.9, Le = 9999999.0,
            Detail = new Detail
            {
                XmlDetail = "<uid Droid=\"MRAP 0\"/>",
                Contact = new Contact { Endpoint = "*:-1:stcp", Callsign = "MRAP 0" },
                Group = new Group { Name = "Cyan", Role = "Team Member" },
                PrecisionLocation = new PrecisionLocation { Altsrc = "GPS", Geopointsrc = "GPS" },
                Status = new Status { Battery = 81 },
                Takv = new Takv { Device = "SAMSUNG SM-G991B", Os = "34", Platform = "ATAK-CIV", Version = "5.2.0.4 (abcdef01).1700000000-CIV" },
                Track = new Deconflict.Server.Cot.Proto.Track { Course = 87.5, Speed = 12.4 },
            },
        },
    };

    private static double Rate(Action action)
    {
        var watch = Stopwatch.StartNew();
        long n = 0;
        while (watch.ElapsedMilliseconds < 1500)
        {
            for (var i = 0; i < 1000; i++)
            {
                action();
            }

            n += 1000;
        }

        return n / watch.Elapsed.TotalSeconds;
    }

    private static List<double> Repeat(int times, Func<double> run) => Enumerable.Range(0, times).Select(_ => run()).ToList();

    private static async Task<List<double>> RepeatAsync(int times, Func<Task<double>> run)
    {
        var results = new List<double>();
        for (var i = 0; i < times; i++)
        {
            results.Add(await run());
        }

        return results;
    }

    // One TAK-like client streams `events` position reports to one session; the rate runs from the first byte sent
    // to the last event delivered to the sink.
    private static async Task<double> IngestAsync(bool negotiate, int events)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var counters = new CotIngestCounters();
        var decoder = new CotDecoder(CotIngestLimits.Default, counters, TimeProvider.System);
        var delivered = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var session = new CotStreamSession(socket.GetStream(), decoder, (_, _) =>
            {
                if (++delivered == events)
                {
                    done.SetResult();
                }

                return ValueTask.CompletedTask;
            }, TimeProvider.System);
            return await session.RunAsync(CancellationToken.None);
        });

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var stream = client.GetStream();
        var reader = new NegotiationReader(stream);
        var offer = await reader.ReadControlAsync();
        byte[] one;
        var now = DateTimeOffset.UtcNow;
        if (negotiate)
        {
            await stream.WriteAsync(TakNegotiation.Request(offer.Uid, 1, now));
            var response = await reader.ReadControlAsync();
            if (response.Control?.Accepted != true)
            {
                throw new InvalidOperationException("The session refused TAK Protocol version 1.");
            }

            one = TakFraming.EncodeStreamFrame(ToTakMessage(now));
        }
        else
        {
            one = PositionReport(now, 7);
        }

        // 1 MiB writes of back-to-back events, as a busy TAK server relay would send them.
        var perChunk = Math.Max(1, (1 << 20) / one.Length);
        var chunk = Enumerable.Repeat(one, perChunk).SelectMany(b => b).ToArray();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < events)
        {
            var n = Math.Min(perChunk, events - sent);
            await stream.WriteAsync(chunk.AsMemory(0, n * one.Length));
            sent += n;
        }

        await done.Task;
        watch.Stop();
        client.Client.Shutdown(SocketShutdown.Send);
        await server;
        if (counters.TotalDropped != 0)
        {
            throw new InvalidOperationException($"{counters.TotalDropped} events were dropped in the ingest bench.");
        }

        return events / watch.Elapsed.TotalSeconds;
    }
}
