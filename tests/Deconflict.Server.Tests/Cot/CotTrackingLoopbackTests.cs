using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Server.Cot;
using Deconflict.Track;

namespace Deconflict.Server.Tests.Cot;

/// <summary>The pieces of issue 5 wired together over real loopback sockets, as the server will: two TAK clients of two
/// parties stream positions, the tracker sees them converge, and both clients get the CoT proximity alert once.</summary>
public sealed class CotTrackingLoopbackTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    private static byte[] Position(string uid, string callsign, double latitude, double longitude, DateTimeOffset time)
    {
        var t = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var stale = time.AddMinutes(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<event version=\"2.0\" uid=\"{uid}\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{t}\" start=\"{t}\" stale=\"{stale}\"><point lat=\"{latitude:R}\" lon=\"{longitude:R}\" hae=\"400\" ce=\"5\" le=\"9999999\"/><detail><contact callsign=\"{callsign}\"/></detail></event>"));
    }

    [Fact]
    public async Task TwoPartiesConverge_BothClientsReceiveTheProximityAlertOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;
        var clock = new FixedTimeProvider(T0.AddSeconds(30));
        var counters = new CotIngestCounters();
        var decoder = new CotDecoder(CotIngestLimits.Default, counters, clock);
        var tracker = new Tracker(TrackingRules.Default.WithProximity(Distance.FromMetres(300)));
        var parties = new[] { PartyId.From("us"), PartyId.From("ru") };
        string[] uids = ["ANDROID-us-mrap-1", "ANDROID-ru-btr-4"];
        var handles = new[] { tracker.Register(uids[0], parties[0], UnitKind.Ground), tracker.Register(uids[1], parties[1], UnitKind.Ground) };
        var gate = new SemaphoreSlim(1, 1);
        var sessions = new CotStreamSession?[2];
        var unknown = 0;
        var ruTracked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // The server side: connection k belongs to party k (standing in for the TLS client certificate).
        async Task<CotSessionEnd> Serve(int party)
        {
            using var socket = await listener.AcceptTcpClientAsync(ct);
            var session = new CotStreamSession(socket.GetStream(), decoder, async (cot, c) =>
            {
                // Attribution by connection: a party may only move its own registered units.
                if (cot.Uid != uids[party])
                {
                    Interlocked.Increment(ref unknown);
                    return;
                }

                var alerts = new List<TrackAlert>();
                await gate.WaitAsync(c);
                try
                {
                    tracker.Report(handles[party], Wgs84.FromLonLat(cot.Longitude, cot.Latitude), cot.Time, alerts);
                }
                finally
                {
                    gate.Release();
                }

                if (party == 1)
                {
                    ruTracked.TrySetResult();
                }

                foreach (var alert in alerts.Where(a => a.Kind == TrackAlertKind.Proximity))
                {
                    var cotAlert = TrackAlertCot.ToCotAlert(alert);
                    foreach (var s in sessions)
                    {
                        await s!.SendAsync(cotAlert, c);
                    }
                }
            }, clock, offerTakProtocol: false);
            sessions[party] = session;
            return await session.RunAsync(ct);
        }

        var usServer = Serve(0);
        using var usClient = new TcpClient();
        await usClient.ConnectAsync(IPAddress.Loopback, port, ct);
        while (sessions[0] is null)
        {
            await Task.Delay(5, ct);
        }

        var ruServer = Serve(1);
        using var ruClient = new TcpClient();
        await ruClient.ConnectAsync(IPAddress.Loopback, port, ct);
        while (sessions[1] is null)
        {
            await Task.Delay(5, ct);
        }

        // The ru patrol stands still; the us convoy drives east towards it and stops 100 m short. A spoofed report
        // on the us connection claiming the ru uid is not trusted.
        await ruClient.GetStream().WriteAsync(Position(uids[1], "BTR 4", 37.1700, 42.1100, T0), ct);
        await ruTracked.Task.WaitAsync(ct); // the patrol is tracked before the convoy closes in, so the convoy raises the alert
        await usClient.GetStream().WriteAsync(Position(uids[1], "BTR 4", 37.1700, 42.0000, T0.AddSeconds(1)), ct);
        double[] convoyLongitudes = [42.0800, 42.0900, 42.1000, 42.1080, 42.1085, 42.1088];
        for (var k = 0; k < convoyLongitudes.Length; k++)
        {
            await usClient.GetStream().WriteAsync(Position(uids[0], "MRAP 1", 37.1700, convoyLongitudes[k], T0.AddSeconds(2 + k)), ct);
        }

        foreach (var client in new[] { usClient, ruClient })
        {
            var received = await ReadAlertsAsync(client.GetStream(), TimeSpan.FromSeconds(2), ct);
            var alert = Assert.Single(received);
            Assert.Equal(("b-a-o-tbl", "deconflict.proximity.ANDROID-us-mrap-1.ANDROID-ru-btr-4"), (alert.Type, alert.Uid));
            Assert.StartsWith("proximity raised: ANDROID-us-mrap-1 (us) within ", alert.Remarks, StringComparison.Ordinal);
        }

        Assert.Equal(1, unknown);
        usClient.Client.Shutdown(SocketShutdown.Send);
        ruClient.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(CotSessionEnd.RemoteClosed, await usServer);
        Assert.Equal(CotSessionEnd.RemoteClosed, await ruServer);
        Assert.Equal(8, counters.Accepted);
    }

    // Reads alert events until the stream has been quiet for `quiet`.
    private static async Task<List<CotEvent>> ReadAlertsAsync(NetworkStream stream, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), new FixedTimeProvider(T0.AddSeconds(30)));
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        var events = new List<CotEvent>();
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(quiet);
            int n;
            try
            {
                n = await stream.ReadAsync(buffer.AsMemory(end), idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return events;
            }

            end += n;
            while (true)
            {
                var splitter = new CotStreamSplitter(buffer.AsSpan(start, end - start), false, default, 65536);
                if (splitter.Read() != CotSplitStatus.XmlEvent)
                {
                    break;
                }

                start += splitter.BytesConsumed;
                Assert.Equal(CotDropReason.None, decoder.DecodeXml(splitter.Frame, out var cot));
                events.Add(cot!);
            }
        }
    }
}
