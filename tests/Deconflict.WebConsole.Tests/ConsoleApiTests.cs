using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Deconflict.WebConsole.Tests;

/// <summary>The endpoints the console reads: /v1/session, /v1/units, /v1/movements/preview, and the console's own files.</summary>
public sealed class ConsoleApiTests
{
    private static readonly DateTimeOffset Departure = DateTimeOffset.UtcNow.AddHours(3);

    private static object Route(string id, string party, double[] from, double[] to, DateTimeOffset start) => new
    {
        type = "Feature",
        id,
        geometry = new { type = "LineString", coordinates = new[] { from, to } },
        properties = new { party, kind = "ground", times = new[] { Iso(start), Iso(start.AddMinutes(20)) }, halfWidthM = 50, toleranceS = 0, units = Array.Empty<string>() },
    };

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Session_AfterAnAct_ReturnsTheLastSeqAndTheCoalition()
    {
        await using var server = ConsoleServer.Start();
        var seq = await server.ActAsync("us", "movement.declare", new { feature = Route("us-far", "us", [42.10, 37.45], [42.16, 37.45], Departure) });

        var (status, session) = await SendAsync(SignedReads.Get(server.BaseAddress, server.KeyOf("us"), "/v1/session"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("us", seq), (session.GetProperty("party").GetString(), session.GetProperty("lastSeq").GetInt64()));
        Assert.Equal(["uk"], session.GetProperty("allies").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(3, session.GetProperty("parties").GetArrayLength());
    }

    [Fact]
    public async Task Units_OfOwnCoalitionAndAnotherParty_ListsOwnAndCoalitionOnly()
    {
        await using var server = ConsoleServer.Start();
        var now = DateTimeOffset.UtcNow;
        foreach (var (party, lon) in new[] { ("us", 42.10), ("uk", 42.12), ("ru", 42.14) })
        {
            await server.ActAsync(party, "unit.register", new { units = new[] { new { id = party + "-1", cotUid = "uid-" + party, kind = "ground" } } });
            await server.ActAsync(party, "track.batch", new { reports = new[] { new { unit = party + "-1", time = Iso(now), lon, lat = 37.5, altM = 0 } } });
        }

        var (status, units) = await SendAsync(SignedReads.Get(server.BaseAddress, server.KeyOf("us"), "/v1/units"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["uk-1", "us-1"], units.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        var us = units.EnumerateArray().Single(u => u.GetProperty("id").GetString() == "us-1");
        Assert.Equal((42.10, 37.5), (us.GetProperty("position")[0].GetDouble(), us.GetProperty("position")[1].GetDouble()));
        Assert.Equal("ground", us.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Preview_CrossingAnotherPartysPatrol_ConflictAndDepartureShiftsWithoutTheOtherPlanNorAnyAppend()
    {
        await using var server = ConsoleServer.Start();
        await server.ActAsync("ru", "movement.declare", new { feature = Route("ru-patrol-7", "ru", [42.13, 37.14], [42.13, 37.20], Departure) });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var sizeBefore = JsonDocument.Parse(await http.GetStringAsync("/v1/ledger")).RootElement.GetProperty("size").GetInt64();
        var body = JsonSerializer.Serialize(new { feature = Route("us-convoy-1", "us", [42.10, 37.17], [42.16, 37.17], Departure) });

        var (status, preview) = await SendAsync(SignedReads.Post(server.BaseAddress, server.KeyOf("us"), "/v1/movements/preview", body));

        Assert.Equal(HttpStatusCode.OK, status);
        var conflict = Assert.Single(preview.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("ru", conflict.GetProperty("otherParty").GetString());
        Assert.InRange(conflict.GetProperty("point")[0].GetDouble(), 42.12, 42.14);
        Assert.InRange(conflict.GetProperty("start").GetDateTimeOffset(), Departure.AddMinutes(5), Departure.AddMinutes(15));
        Assert.True(preview.GetProperty("delayMinutes").GetInt32() > 0);
        Assert.True(preview.GetProperty("advanceMinutes").GetInt32() > 0);
        Assert.False(conflict.TryGetProperty("otherMovementId", out _), "the preview names the other movement");
        Assert.False(conflict.TryGetProperty("otherPieces", out _), "the preview discloses the other movement's pieces");
        Assert.Equal(sizeBefore, JsonDocument.Parse(await http.GetStringAsync("/v1/ledger")).RootElement.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Preview_OtherPartysMovementCancelled_NoConflict()
    {
        await using var server = ConsoleServer.Start();
        await server.ActAsync("ru", "movement.declare", new { feature = Route("ru-patrol-7", "ru", [42.13, 37.14], [42.13, 37.20], Departure) });
        await server.ActAsync("ru", "movement.cancel", new { movementId = "ru-patrol-7" });
        var body = JsonSerializer.Serialize(new { feature = Route("us-convoy-1", "us", [42.10, 37.17], [42.16, 37.17], Departure) });

        var (status, preview) = await SendAsync(SignedReads.Post(server.BaseAddress, server.KeyOf("us"), "/v1/movements/preview", body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(preview.GetProperty("conflicts").EnumerateArray());
    }

    [Fact]
    public async Task Preview_AnAlliesMovementOnly_NoConflict()
    {
        await using var server = ConsoleServer.Start();
        await server.ActAsync("uk", "movement.declare", new { feature = Route("uk-patrol-2", "uk", [42.13, 37.14], [42.13, 37.20], Departure) });
        var body = JsonSerializer.Serialize(new { feature = Route("us-convoy-1", "us", [42.10, 37.17], [42.16, 37.17], Departure) });

        var (status, preview) = await SendAsync(SignedReads.Post(server.BaseAddress, server.KeyOf("us"), "/v1/movements/preview", body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(preview.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(0, preview.GetProperty("delayMinutes").GetInt32());
    }

    [Fact]
    public async Task Preview_BodyNotCoveredByTheSignature_Refused()
    {
        await using var server = ConsoleServer.Start();
        var body = JsonSerializer.Serialize(new { feature = Route("us-convoy-1", "us", [42.10, 37.17], [42.16, 37.17], Departure) });

        var (status, problem) = await SendAsync(SignedReads.Post(server.BaseAddress, server.KeyOf("us"), "/v1/movements/preview", body, coverDigest: false));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("auth.uncovered-component", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Preview_AnotherPartysMovement_Refused()
    {
        await using var server = ConsoleServer.Start();
        var body = JsonSerializer.Serialize(new { feature = Route("ru-patrol-7", "ru", [42.13, 37.14], [42.13, 37.20], Departure) });

        var (status, problem) = await SendAsync(SignedReads.Post(server.BaseAddress, server.KeyOf("us"), "/v1/movements/preview", body));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("act.for-another-party", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Console_PageAndLibraries_ServedFromTheAssemblyWithAPolicyAllowingOnlyThisServer()
    {
        await using var server = ConsoleServer.Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var page = await http.GetAsync("/console/");
        using var leaflet = await http.GetAsync("/console/vendor/leaflet.js");
        using var missing = await http.GetAsync("/console/vendor/nothing.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("connect-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, leaflet.StatusCode);
        Assert.Contains("Leaflet 1.9.4", await leaflet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Console_WithATileServer_ConfigNamesItAndThePolicyAllowsItsImagesOnly()
    {
        await using var server = ConsoleServer.Start(tiles: "http://127.0.0.1:8080/{z}/{x}/{y}.png");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var config = await http.GetAsync("/console/config.json");

        Assert.Equal("http://127.0.0.1:8080/{z}/{x}/{y}.png", JsonDocument.Parse(await config.Content.ReadAsStringAsync()).RootElement.GetProperty("tiles").GetString());
        var policy = config.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: http://127.0.0.1:8080;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
    }
}
