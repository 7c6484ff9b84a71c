using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Deconflict.Server.Acts;
using Deconflict.Server.Cot;
using Deconflict.Server.Ports;
using Deconflict.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Deconflict.Server.Tests.Live;

/// <summary>Issue 5 end to end against the real server (Kestrel and the CoT listener on 127.0.0.1, SQLite in a temp
/// folder): TAK clients stream XML and protobuf, the tracker raises alerts, both parties' streams and sockets get them,
/// and the ledger holds the attested batches and the alerts.</summary>
public sealed class LiveTrackingTests
{
    private static readonly DateTimeOffset T0 = DeconflictApplication.Epoch;

    [Fact]
    public async Task CotClients_UnitsConverge_BothStreamsAndBothSocketsGetTheProximityAlertOnce()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        await using var usStream = await app.Us.StreamAsync();
        await using var ruStream = await app.Ru.StreamAsync();

        await using var us = await TakTestClient.ConnectAsync(app.CotPort, await FirstLineAsync(app, "us"), app.Clock);
        await using var ru = await TakTestClient.ConnectAsync(app.CotPort, await FirstLineAsync(app, "ru"), app.Clock);

        // ru stays in XML; us streams XML first, then negotiates TAK Protocol version 1 and streams protobuf.
        await ru.SendPositionAsync("ANDROID-ru-4", 42.1100, 37.1700, T0);
        await WaitForAttestedAsync(app, "ru"); // the patrol is tracked before the convoy closes in, so the convoy raises the alert
        await us.SendPositionAsync("ANDROID-us-1", 42.0800, 37.1700, T0.AddSeconds(1));
        await us.SendPositionAsync("ANDROID-ru-4", 42.0000, 37.1700, T0.AddSeconds(1)); // spoofing ru's uid: counted, not trusted
        await us.NegotiateAsync(app.Clock);
        double[] convoy = [42.0900, 42.1000, 42.1080, 42.1085, 42.1088];
        for (var k = 0; k < convoy.Length; k++)
        {
            await us.SendPositionAsync("ANDROID-us-1", convoy[k], 37.1700, T0.AddSeconds(2 + k));
        }

        static bool IsProximity(CotEvent e) => e.Type == "b-a-o-tbl" && e.Uid == "deconflict.proximity.us-mrap-1.ru-btr-4";
        foreach (var client in new[] { us, ru })
        {
            var received = await client.ReadUntilAsync(IsProximity, TimeSpan.FromSeconds(10));
            Assert.StartsWith("proximity raised: us-mrap-1 (us) within ", received.Last().Remarks, StringComparison.Ordinal);
            Assert.DoesNotContain(await client.ReadQuietAsync(TimeSpan.FromSeconds(1)), IsProximity);
        }

        static bool Proximity(JsonElement d) => d.GetProperty("alert").GetString() == "proximity";
        var usAlert = await usStream.WaitForAsync(ActKinds.AlertRaised, Proximity);
        var ruAlert = await ruStream.WaitForAsync(ActKinds.AlertRaised, Proximity);
        Assert.Equal(usAlert.Id, ruAlert.Id);
        Assert.Equal(("us-mrap-1", "us", "ru-btr-4", "ru"), (usAlert.Data.GetProperty("unit").GetString(), usAlert.Data.GetProperty("party").GetString(),
            usAlert.Data.GetProperty("otherUnit").GetString(), usAlert.Data.GetProperty("otherParty").GetString()));
        Assert.InRange(usAlert.Data.GetProperty("distanceM").GetDouble(), 0, 300);

        // Exactly once on each stream: a later act of each party is a marker; no second proximity alert comes before it.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-marker", cotUid = "marker-us", kind = "static" } } });
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-marker", cotUid = "marker-ru", kind = "static" } } });
        foreach (var stream in new[] { usStream, ruStream })
        {
            while (true)
            {
                var e = await stream.NextAsync();
                Assert.False(e.Type == ActKinds.AlertRaised && Proximity(e.Data), "a second proximity alert on a stream");
                if (e.Type == "unit.registered")
                {
                    break;
                }
            }
        }

        var metrics = await SignedHttp.SendOkAsync(app, "us", HttpMethod.Get, "/v1/metrics");
        Assert.Equal(1, metrics.GetProperty("tracks").GetProperty("unknown").GetInt64());
        Assert.Equal("ANDROID-ru-4", metrics.GetProperty("tracks").GetProperty("recentUnknownUids")[0].GetString());

        var ledger = await LedgerAsync(app);
        var attested = ledger.Where(e => e.Kind == ActKinds.TrackAttested).ToList();
        Assert.All(attested, e => Assert.Equal(ActKinds.Operator, e.Party));
        // Recorded thinned by dead reckoning (10 m): 42.1000 lies exactly where the convoy's last two recorded reports put
        // it a second on, so the tracker saw it but the ledger does not hold it.
        Assert.Equal([42.0800, 42.0900, 42.1080, 42.1085, 42.1088], attested.Where(e => e.Body.GetProperty("party").GetString() == "us")
            .SelectMany(e => e.Body.GetProperty("reports").EnumerateArray()).Select(r => r.GetProperty("lon").GetDouble()));
        Assert.Equal(1, metrics.GetProperty("tracks").GetProperty("thinned").GetInt64());
        Assert.All(attested, e => Assert.StartsWith("cot-tcp session for party ", e.Body.GetProperty("connection").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(attested.SelectMany(e => e.Body.GetProperty("reports").EnumerateArray()), r => r.GetProperty("lon").GetDouble() == 42.0);
        Assert.Single(AlertsOf(ledger), a => a.Kind == ActKinds.AlertRaised && a.Alert.GetProperty("alert").GetString() == "proximity");
    }

    [Fact]
    public async Task TrackBatch_UnitLeavesItsClearedCorridor_ItsPartyAndNearbyPartyGetOutsideCorridor()
    {
        await using var app = await DeconflictApplication.StartAsync();
        var start = T0.AddHours(3);
        var receipt = await app.Us.ActOkAsync(ActKinds.Declare, new { feature = Features.EastWest("us-patrol-7", "us", start) });
        Assert.Equal("cleared", receipt.GetProperty("movement").GetProperty("state").GetString());
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground", movement = "us-patrol-7" } } });
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        await using var usStream = await app.Us.StreamAsync();
        await using var ruStream = await app.Ru.StreamAsync();

        // A ru patrol parked about 670 m north of where the unit leaves its route: beyond proximity, within the audience reach (1 km).
        await app.Ru.ActOkAsync(ActKinds.TrackBatch, new { reports = new[] { new { unit = "ru-btr-4", time = Features.Iso(start.AddMinutes(10)), lon = 42.1305, lat = 37.1770, altM = 0 } } });
        // On the route at 10 min (42.13 E), then 10 s later 110 m north of it (the corridor is 50 m each side).
        await app.Us.ActOkAsync(ActKinds.TrackBatch, new
        {
            reports = new object[]
            {
                new { unit = "us-mrap-1", time = Features.Iso(start.AddMinutes(10)), lon = 42.1300, lat = 37.1700, altM = 0 },
                new { unit = "us-mrap-1", time = Features.Iso(start.AddMinutes(10).AddSeconds(10)), lon = 42.1305, lat = 37.1710, altM = 0 },
            },
        });

        static bool Outside(JsonElement d) => d.GetProperty("alert").GetString() == "outside-corridor";
        var usAlert = await usStream.WaitForAsync(ActKinds.AlertRaised, Outside);
        var ruAlert = await ruStream.WaitForAsync(ActKinds.AlertRaised, Outside);
        Assert.Equal(usAlert.Id, ruAlert.Id);
        Assert.Equal("us-mrap-1", usAlert.Data.GetProperty("unit").GetString());
        Assert.InRange(usAlert.Data.GetProperty("distanceM").GetDouble(), 100, 120);
        Assert.False(ruAlert.Data.TryGetProperty("audience", out _), "the stream shows who else was told");
        var recorded = Assert.Single(AlertsOf(await LedgerAsync(app)), a => a.Kind == ActKinds.AlertRaised && Outside(a.Alert));
        Assert.Equal(["us", "ru", "uk"], recorded.Alert.GetProperty("audience").EnumerateArray().Select(p => p.GetString()!));
    }

    [Fact]
    public async Task SingleUnitAlerts_FarPartyGetsNothingOnStreamOrSocket_NearPartyAndCoalitionDo()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new
        {
            units = new[] { new { id = "us-far", cotUid = "ANDROID-us-far", kind = "ground" }, new { id = "us-near", cotUid = "ANDROID-us-near", kind = "ground" } },
        });
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        await using var ruStream = await app.Ru.StreamAsync();
        await using var ukStream = await app.Uk.StreamAsync();
        await using var ru = await TakTestClient.ConnectAsync(app.CotPort, await FirstLineAsync(app, "ru"), app.Clock);
        await ru.SendPositionAsync("ANDROID-ru-4", 42.1100, 37.1700, T0);
        await WaitForAttestedAsync(app, "ru");

        // Neither unit has a cleared movement and both drive at 10 m/s: "moving without clearance" for each. us-far is
        // 17 km from ru's patrol; us-near about 800 m from it (beyond proximity, within the 1 km audience reach).
        static object Drive(string unit, double lon) => new
        {
            reports = new[]
            {
                new { unit, time = Features.Iso(T0.AddSeconds(1)), lon, lat = 37.1700, altM = 0 },
                new { unit, time = Features.Iso(T0.AddSeconds(11)), lon, lat = 37.1709, altM = 0 },
            },
        };
        await app.Us.ActOkAsync(ActKinds.TrackBatch, Drive("us-far", 42.3000));
        await app.Us.ActOkAsync(ActKinds.TrackBatch, Drive("us-near", 42.1190));

        static bool Moving(JsonElement d, string unit) => d.GetProperty("alert").GetString() == "moving-without-clearance" && d.GetProperty("unit").GetString() == unit;
        // us-far's alert is recorded and sent first: had ru been told of it, it would come before us-near's.
        var seen = new List<(long Id, string Type, JsonElement Data)>();
        do
        {
            seen.Add(await ruStream.NextAsync(TimeSpan.FromSeconds(10)));
        }
        while (!(seen[^1].Type == ActKinds.AlertRaised && Moving(seen[^1].Data, "us-near")));

        Assert.DoesNotContain(seen, e => e.Data.TryGetProperty("unit", out var u) && u.GetString() == "us-far");
        var received = await ru.ReadUntilAsync(e => e.Uid == "deconflict.moving-without-clearance.us-near", TimeSpan.FromSeconds(10));
        received.AddRange(await ru.ReadQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(received, e => e.Uid.Contains("us-far", StringComparison.Ordinal));

        // The coalition partner hears of both.
        await ukStream.WaitForAsync(ActKinds.AlertRaised, d => Moving(d, "us-far"));
        await ukStream.WaitForAsync(ActKinds.AlertRaised, d => Moving(d, "us-near"));
        var ledger = await LedgerAsync(app);
        string[] AudienceOf(string unit) => [.. AlertsOf(ledger).Single(a => a.Kind == ActKinds.AlertRaised && Moving(a.Alert, unit)).Alert.GetProperty("audience").EnumerateArray().Select(p => p.GetString()!)];
        Assert.Equal(["us", "uk"], AudienceOf("us-far"));
        Assert.Equal(["us", "ru", "uk"], AudienceOf("us-near"));
    }

    [Fact]
    public async Task Restart_PairInProximityBefore_NotRaisedAgainAndClearedOnce()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        static object Report(string unit, double lon, DateTimeOffset time) => new { reports = new[] { new { unit, time = Features.Iso(time), lon, lat = 37.17, altM = 0 } } };
        await app.Ru.ActOkAsync(ActKinds.TrackBatch, Report("ru-btr-4", 42.1000, T0.AddSeconds(1)));
        await app.Us.ActOkAsync(ActKinds.TrackBatch, Report("us-mrap-1", 42.1030, T0.AddSeconds(2))); // about 270 m apart
        await WaitForAlertsAsync(app, raised: 1, cleared: 0);

        await app.RestartAsync();

        // Still within 500 m of the patrol's last recorded position: the alert stands, nothing new is raised.
        await app.Us.ActOkAsync(ActKinds.TrackBatch, Report("us-mrap-1", 42.1035, T0.AddSeconds(3)));
        // Then 2.2 km away: the alert raised before the restart is cleared, once.
        await app.Us.ActOkAsync(ActKinds.TrackBatch, Report("us-mrap-1", 42.1250, T0.AddSeconds(4)));
        await WaitForAlertsAsync(app, raised: 1, cleared: 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await WaitForAlertsAsync(app, raised: 1, cleared: 1);
    }

    // Waits (up to 10 s) for exactly these counts of proximity alerts in the ledger, then asserts them.
    private static async Task WaitForAlertsAsync(DeconflictApplication app, int raised, int cleared)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        (int Raised, int Cleared) counts;
        do
        {
            var alerts = AlertsOf(await LedgerAsync(app)).Where(a => a.Alert.GetProperty("alert").GetString() == "proximity").ToList();
            counts = (alerts.Count(a => a.Kind == ActKinds.AlertRaised), alerts.Count(a => a.Kind == ActKinds.AlertCleared));
            if (counts == (raised, cleared))
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal((raised, cleared), counts);
    }

    [Fact]
    public async Task PostTracks_UnknownUnit_CountedNotTrusted_KnownOnesAttested()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        var ndjson = """
            {"unit":"us-mrap-1","time":"2026-11-25T06:00:01.000Z","lon":42.1,"lat":37.17,"altM":0}
            {"unit":"ru-btr-4","time":"2026-11-25T06:00:01.000Z","lon":42.2,"lat":37.17,"altM":0}
            """;
        var content = new StringContent(ndjson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var answer = await SignedHttp.SendOkAsync(app, "us", HttpMethod.Post, "/v1/tracks", content);
        Assert.Equal((1, 1), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("unknown").GetInt32()));

        var entry = Assert.Single(await WaitForAttestedAsync(app, "us"));
        Assert.Equal("us", entry.Body.GetProperty("party").GetString());
        Assert.StartsWith("https /v1/tracks for party us", entry.Body.GetProperty("connection").GetString(), StringComparison.Ordinal);
        Assert.Equal("us-mrap-1", Assert.Single(entry.Body.GetProperty("reports").EnumerateArray()).GetProperty("unit").GetString());
    }

    [Fact]
    public async Task PostTracks_BodyChangedAfterSigning_Refused()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        using var response = await SignedHttp.SendAsync(app, "us", HttpMethod.Post, "/v1/tracks",
            new StringContent("""{"unit":"us-mrap-1","time":"2026-11-25T06:00:01.000Z","lon":42.1,"lat":37.17,"altM":0}""", Encoding.UTF8, "application/x-ndjson"),
            tamper: new StringContent("""{"unit":"us-mrap-1","time":"2026-11-25T06:00:01.000Z","lon":42.5,"lat":37.17,"altM":0}""", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("auth.uncovered-component", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackBatch_UnitOfAnotherParty_Refused()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        var response = await app.Us.ActAsync(ActKinds.TrackBatch, new { reports = new[] { new { unit = "ru-btr-4", time = Features.Iso(T0), lon = 42.1, lat = 37.17, altM = 0 } } });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("unit.unknown", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CotDatagrams_AfterSessionDatagram_AttestedForThatParty_OthersCounted()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var server = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, app.CotPort);
        await udp.SendAsync(TakTestClient.XmlPosition("ANDROID-us-1", 42.10, 37.17, T0.AddSeconds(1)), server); // no session yet: dropped
        var session = Encoding.ASCII.GetBytes(await FirstLineAsync(app, "us") + "\n");
        await udp.SendAsync(session.Concat(TakTestClient.XmlPosition("ANDROID-us-1", 42.11, 37.17, T0.AddSeconds(2))).ToArray(), server);
        await udp.SendAsync(TakTestClient.XmlPosition("ANDROID-us-1", 42.12, 37.17, T0.AddSeconds(3)), server);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonElement> reports;
        do
        {
            await Task.Delay(100);
            reports = [.. (await WaitForAttestedAsync(app, "us")).SelectMany(e => e.Body.GetProperty("reports").EnumerateArray())];
        }
        while (reports.Count < 2 && DateTime.UtcNow < deadline);

        Assert.Equal([42.11, 42.12], reports.Select(r => r.GetProperty("lon").GetDouble()));
        var metrics = await SignedHttp.SendOkAsync(app, "us", HttpMethod.Get, "/v1/metrics");
        Assert.Equal(1, metrics.GetProperty("cot").GetProperty("unauthenticatedDatagrams").GetInt64());
    }

    [Fact]
    public async Task CotConnection_WithoutValidSessionToken_IsClosed()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await using var client = await TakTestClient.ConnectAsync(app.CotPort, "DECONFLICT-SESSION not-a-token", app.Clock);
        await Assert.ThrowsAnyAsync<Exception>(() => client.ReadUntilAsync(_ => true, TimeSpan.FromSeconds(5)));
    }

    private static async Task<List<(string Kind, string Party, JsonElement Body)>> WaitForAttestedAsync(DeconflictApplication app, string party)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var attested = (await LedgerAsync(app)).Where(e => e.Kind == ActKinds.TrackAttested && e.Body.GetProperty("party").GetString() == party).ToList();
            if (attested.Count > 0 || DateTime.UtcNow > deadline)
            {
                return attested;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<string> FirstLineAsync(DeconflictApplication app, string party) =>
        (await SignedHttp.SendOkAsync(app, party, HttpMethod.Post, "/v1/cot/sessions")).GetProperty("firstLine").GetString()!;

    // The alerts of the ledger's alert.batch entries, in order, each as its stream event type and its element.
    private static List<(string Kind, JsonElement Alert)> AlertsOf(List<(string Kind, string Party, JsonElement Body)> ledger) =>
        [.. ledger.Where(e => e.Kind == ActKinds.AlertBatch).SelectMany(e => e.Body.GetProperty("alerts").EnumerateArray())
            .Select(a => ("alert." + a.GetProperty("transition").GetString(), a))];

    private static async Task<List<(string Kind, string Party, JsonElement Body)>> LedgerAsync(DeconflictApplication app)
    {
        var entries = new List<(string, string, JsonElement)>();
        await foreach (var (_, envelope) in app.Services.GetRequiredService<IActLog>().ReadAllAsync(CancellationToken.None))
        {
            entries.Add((envelope.Envelope.Kind, envelope.Envelope.Party, envelope.Envelope.Body.Clone()));
        }

        return entries;
    }
}
