using System.Net;
using System.Text.Json;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>Nobody acts for another party or reads what it has no need to know; every refusal is a problem with a stable
/// type, and appends nothing.</summary>
public sealed class RefusalTests
{
    private static readonly DateTimeOffset Start = Epoch.AddHours(12);

    private static async Task<long> LedgerSizeAsync(DeconflictApplication app) =>
        (await app.Us.GetJsonAsync("/v1/ledger")).GetProperty("size").GetInt64();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("https://deconflict.dev/problems/" + code, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Act_ForgedSignature_IsRefusedAndAppendsNothing()
    {
        await using var app = await StartAsync();
        var before = await LedgerSizeAsync(app);
        // us's key signs an envelope that claims to be ru's.
        var envelope = new Deconflict.Ledger.Envelope.Envelope("ru", 1, app.Clock.GetUtcNow(), "movement.declare",
            JsonSerializer.SerializeToElement(new { feature = Features.EastWest("ru-fake", "ru", Start) }));
        var signature = app.KeyOf("us").Sign([.. "deconflict/v1\n"u8, .. envelope.ToCanonicalJson()]);
        var forged = System.Text.Json.Nodes.JsonNode.Parse(envelope.ToCanonicalJson())!.AsObject();
        forged["sig"] = Convert.ToBase64String(signature);

        await AssertProblemAsync(await app.Ru.PostRawAsync(JsonSerializer.SerializeToUtf8Bytes(forged)), HttpStatusCode.Unauthorized, "envelope.bad-signature");
        Assert.Equal(before, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Act_TamperedBody_IsRefusedAsBadSignature()
    {
        await using var app = await StartAsync();
        var before = await LedgerSizeAsync(app);
        var text = app.Us.Sign("movement.declare", new { feature = Features.EastWest("us-a", "us", Start) }).ToString().Replace("us-a", "us-b", StringComparison.Ordinal);

        await AssertProblemAsync(await app.Us.PostRawAsync(System.Text.Encoding.UTF8.GetBytes(text)), HttpStatusCode.Unauthorized, "envelope.bad-signature");
        Assert.Equal(before, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Act_ReplayedSeq_IsRefusedAndAppendsNothing()
    {
        await using var app = await StartAsync();
        await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-a", "us", Start) });
        var before = await LedgerSizeAsync(app);

        var replay = await app.Us.ActAsync("movement.declare", new { feature = Features.FarAway("us-b", "us", Start) }, seq: 1);

        await AssertProblemAsync(replay, HttpStatusCode.Conflict, "envelope.replayed-seq");
        Assert.Equal(before, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Act_SameEnvelopeTwice_ReturnsTheFirstResultAndAppendsNothing()
    {
        await using var app = await StartAsync();
        var envelope = app.Us.Sign("movement.declare", new { feature = Features.EastWest("us-a", "us", Start) });
        var first = JsonDocument.Parse(await (await app.Us.PostAsync(envelope)).Content.ReadAsStringAsync()).RootElement;
        var size = await LedgerSizeAsync(app);

        var again = await app.Us.PostAsync(envelope);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(first.GetProperty("index").GetInt64(), second.GetProperty("index").GetInt64());
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(size, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Act_DeclaringForAnotherParty_IsRefused()
    {
        await using var app = await StartAsync();
        var before = await LedgerSizeAsync(app);

        var response = await app.Us.ActAsync("movement.declare", new { feature = Features.EastWest("ru-b", "ru", Start) });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "act.for-another-party");
        Assert.Equal(before, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Act_AnsweringARequestSentToAnotherParty_IsRefused()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        var requestId = await NegotiationWorkflowTests.DeclareCrossingAsync(app, ruStream);
        var before = await LedgerSizeAsync(app);

        await AssertProblemAsync(await app.Us.ActAsync("request.approve", new { requestId }), HttpStatusCode.Forbidden, "request.not-addressee");
        await AssertProblemAsync(await app.Uk.ActAsync("request.deny", new { requestId, reason = "x" }), HttpStatusCode.Forbidden, "request.not-addressee");
        await AssertProblemAsync(await app.Ru.ActAsync("movement.cancel", new { movementId = "us-convoy-1" }), HttpStatusCode.Forbidden, "movement.not-owner");
        Assert.Equal(before, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Act_OperatorKind_IsRefusedFromAParty()
    {
        await using var app = await StartAsync();
        await AssertProblemAsync(await app.Us.ActAsync("request.escalate", new { requestId = "x" }), HttpStatusCode.Forbidden, "act.reserved-kind");
    }

    [Fact]
    public async Task Act_MissingField_NamesIt()
    {
        await using var app = await StartAsync();
        var response = await app.Us.ActAsync("request.approve", new { conditions = "x" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "act.invalid-body");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("body.requestId", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Read_AnotherPartysWholePlan_IsRefusedButAnAllysIsNot()
    {
        await using var app = await StartAsync();
        await app.Ru.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("ru-patrol-7", "ru", Start) });
        await app.Us.ActOkAsync("movement.declare", new { feature = Features.FarAway("us-convoy-1", "us", Start) });

        await AssertProblemAsync(await app.Us.GetAsync("/v1/movements/ru-patrol-7"), HttpStatusCode.Forbidden, "need-to-know.refused");
        Assert.Equal("us", (await app.Uk.GetJsonAsync("/v1/movements/us-convoy-1")).GetProperty("party").GetString());
        var usSees = await app.Us.GetJsonAsync("/v1/movements");
        Assert.Equal("us-convoy-1", Assert.Single(usSees.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Read_RequestBetweenOtherParties_IsRefused()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        var requestId = await NegotiationWorkflowTests.DeclareCrossingAsync(app, ruStream);
        await AssertProblemAsync(await app.Uk.GetAsync($"/v1/requests/{requestId}"), HttpStatusCode.Forbidden, "need-to-know.refused");
    }

    [Fact]
    public async Task Read_Unsigned_IsRefused()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await AssertProblemAsync(await http.GetAsync("/v1/movements"), HttpStatusCode.Unauthorized, "auth.missing-signature");
    }

    [Fact]
    public async Task Read_ReplayedNonce_IsRefused()
    {
        await using var app = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Us.GetAsync("/v1/movements", nonce: "n1")).StatusCode);
        await AssertProblemAsync(await app.Us.GetAsync("/v1/movements", nonce: "n1"), HttpStatusCode.Unauthorized, "auth.replayed-nonce");
    }

    [Fact]
    public async Task Read_OldSignature_IsRefused()
    {
        await using var app = await StartAsync();
        var created = app.Clock.GetUtcNow().AddSeconds(-61).ToUnixTimeSeconds();
        await AssertProblemAsync(await app.Us.GetAsync("/v1/movements", created: created), HttpStatusCode.Unauthorized, "auth.expired");
    }

    [Fact]
    public async Task Read_SignedForAnotherPath_IsRefused()
    {
        await using var app = await StartAsync();
        var request = app.Us.SignedGet("/v1/movements");
        request.RequestUri = new Uri(app.BaseAddress, "/v1/requests");
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await AssertProblemAsync(await http.SendAsync(request), HttpStatusCode.Unauthorized, "auth.bad-signature");
    }

    [Fact]
    public async Task Genesis_MissingAPartysSignature_IsRefused()
    {
        await using var app = await StartAsync(withArrangement: false);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var unsigned = app.SignedArrangementDocument(1, ["us", "uk"]);

        var response = await http.PostAsync("/v1/arrangement", new StringContent(unsigned.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "arrangement.unsigned");
        Assert.Contains("'ru'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSizeAsync(app));
        await AssertProblemAsync(await app.Us.ActAsync("movement.declare", new { feature = Features.EastWest("us-a", "us", Start) }), HttpStatusCode.Unauthorized, "envelope.unknown-party");
    }

    [Fact]
    public async Task Genesis_SignedByEveryParty_StartsTheLedgerAndAmendmentNeedsThemAgain()
    {
        await using var app = await StartAsync(withArrangement: false);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var post = (System.Text.Json.Nodes.JsonObject doc) => http.PostAsync("/v1/arrangement", new StringContent(doc.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, (await post(app.SignedArrangementDocument(1, ["us", "uk", "ru"]))).StatusCode);
        await AssertProblemAsync(await post(app.SignedArrangementDocument(2, ["us", "ru"])), HttpStatusCode.BadRequest, "arrangement.unsigned");
        Assert.Equal(HttpStatusCode.OK, (await post(app.SignedArrangementDocument(2, ["us", "uk", "ru"]))).StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await http.GetStringAsync("/v1/arrangement")).RootElement.GetProperty("arrangement").GetProperty("version").GetInt32());
        Assert.Equal(2, await LedgerSizeAsync(app));
    }
}
