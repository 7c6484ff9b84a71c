using System.Text.Json;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>Senior staff's journey: an unanswered request climbs the escalation chain at each deadline, up to the hotline,
/// on the fake clock, and the deadlines survive a restart because they are in the ledger.</summary>
public sealed class EscalationTests
{
    private static async Task<JsonElement> WaitForRequestAsync(PartyClient client, string requestId, Func<JsonElement, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var request = await client.GetJsonAsync($"/v1/requests/{requestId}");
            if (done(request))
            {
                return request;
            }

            await Task.Delay(50);
        }

        return await client.GetJsonAsync($"/v1/requests/{requestId}");
    }

    [Fact]
    public async Task UnansweredRequest_EscalatesAtEachDeadline_AndAgainAfterARestart()
    {
        await using var app = await StartAsync();
        string requestId;
        await using (var ruStream = await app.Ru.StreamAsync())
        {
            requestId = await NegotiationWorkflowTests.DeclareCrossingAsync(app, ruStream);

            app.Clock.Advance(ResponseDeadline);

            var escalated = await ruStream.WaitForAsync("request.escalated");
            var request = escalated.Data.GetProperty("request");
            Assert.Equal((1, "duty-officer"), (request.GetProperty("escalationLevel").GetInt32(), request.GetProperty("escalatedTo").GetString()));
            Assert.Equal(Epoch + ResponseDeadline + ResponseDeadline, request.GetProperty("deadline").GetDateTimeOffset());
        }

        await app.StopAsync();
        app.Clock.Advance(ResponseDeadline + TimeSpan.FromMinutes(5));
        await app.RestartAsync();

        // After the restart the overdue deadline fires at once, from the replayed state.
        var second = await WaitForRequestAsync(app.Us, requestId, r => r.GetProperty("escalationLevel").GetInt32() >= 2);
        Assert.Equal((2, "chief-of-staff"), (second.GetProperty("escalationLevel").GetInt32(), second.GetProperty("escalatedTo").GetString()));

        app.Clock.Advance(ResponseDeadline);
        var hotline = await WaitForRequestAsync(app.Us, requestId, r => r.GetProperty("escalationLevel").GetInt32() >= 3);
        Assert.Equal("hotline", hotline.GetProperty("escalatedTo").GetString());
        Assert.Equal(JsonValueKind.Null, hotline.GetProperty("deadline").ValueKind);
    }

    [Fact]
    public async Task UnclearedMovement_ExpiresAtItsStart()
    {
        await using var app = await StartAsync();
        await using var usStream = await app.Us.StreamAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        var requestId = await NegotiationWorkflowTests.DeclareCrossingAsync(app, ruStream);
        await app.Ru.ActOkAsync("request.acknowledge", new { requestId });

        app.Clock.Advance(TimeSpan.FromHours(12));

        var expired = await usStream.WaitForAsync("movement.expired");
        Assert.Equal("expired", expired.Data.GetProperty("movement").GetProperty("state").GetString());
        var request = await ruStream.WaitForAsync("request.expired");
        Assert.Equal("expired", request.Data.GetProperty("request").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Restart_ReplaysTheLedger_ToTheSameState()
    {
        await using var app = await StartAsync();
        await using (var ruStream = await app.Ru.StreamAsync())
        {
            var requestId = await NegotiationWorkflowTests.DeclareCrossingAsync(app, ruStream);
            await app.Ru.ActOkAsync("request.counter-propose", new { requestId, route = new[] { new[] { 42.10, 37.18 }, new[] { 42.16, 37.18 } } });
            await app.Uk.ActOkAsync("movement.declare", new { feature = Features.FarAway("uk-1", "uk", Epoch.AddHours(5)) });
        }

        async Task<string> SnapshotAsync() => string.Join("\n",
            (await app.Us.GetJsonAsync("/v1/requests")).GetRawText(), (await app.Ru.GetJsonAsync("/v1/requests")).GetRawText(),
            (await app.Us.GetJsonAsync("/v1/movements")).GetRawText(), (await app.Ru.GetJsonAsync("/v1/movements")).GetRawText(),
            (await app.Us.GetJsonAsync("/v1/ledger")).GetRawText());
        var before = await SnapshotAsync();

        await app.RestartAsync();

        Assert.Equal(before, await SnapshotAsync());
        await app.Us.ActOkAsync("movement.declare", new { feature = Features.FarAway("us-after-restart", "us", Epoch.AddHours(6)) });
    }
}
