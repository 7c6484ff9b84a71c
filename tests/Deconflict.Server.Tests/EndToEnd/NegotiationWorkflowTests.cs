using System.Text.Json;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>The duty officer's journeys 2–4: declare, receive the request on the stream, approve / deny / counter-propose.</summary>
public sealed class NegotiationWorkflowTests
{
    private static readonly DateTimeOffset Start = Epoch.AddHours(12);

    /// <summary>ru holds a patrol through the junction; us declares a convoy crossing it; returns the request id.</summary>
    internal static async Task<string> DeclareCrossingAsync(DeconflictApplication app, EventStream ruStream)
    {
        await app.Ru.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("ru-patrol-7", "ru", Start) });
        var receipt = await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-convoy-1", "us", Start) });
        Assert.Equal("declared", receipt.GetProperty("movement").GetProperty("state").GetString());
        var request = Assert.Single(receipt.GetProperty("requests").EnumerateArray());
        Assert.Equal("ru", request.GetProperty("to").GetString());
        var opened = await ruStream.WaitForAsync("request.opened");
        Assert.Equal(request.GetProperty("id").GetString(), opened.Data.GetProperty("request").GetProperty("id").GetString());
        return request.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Declare_CrossingAnotherPartysPatrol_SendsRequestToItsStreamWithTheConflictingPiecesOnly()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        var requestId = await DeclareCrossingAsync(app, ruStream);

        var request = await app.Ru.GetJsonAsync($"/v1/requests/{requestId}");
        Assert.Equal(("us", "ru", "requested"), (request.GetProperty("from").GetString(), request.GetProperty("to").GetString(), request.GetProperty("state").GetString()));
        var conflict = Assert.Single(request.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("ru-patrol-7", conflict.GetProperty("otherMovementId").GetString());
        Assert.InRange(conflict.GetProperty("point")[0].GetDouble(), 42.12, 42.14);
        // The requester's whole route has 20 one-minute pieces; the addressee sees only those near the junction.
        Assert.InRange(conflict.GetProperty("pieces").GetArrayLength(), 1, 6);
        Assert.Equal(Epoch + ResponseDeadline, request.GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task Declare_CrossingAnotherPartysPatrol_AnswersWithCountsAndLeavesThePiecesToTheRequestRead()
    {
        await using var app = await StartAsync();
        await app.Ru.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("ru-patrol-7", "ru", Start) });

        var receipt = await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-convoy-1", "us", Start) });

        Assert.Equal(("us-convoy-1", 1, false), (receipt.GetProperty("movement").GetProperty("id").GetString(), receipt.GetProperty("movement").GetProperty("version").GetInt32(), receipt.GetProperty("movement").GetProperty("shortNotice").GetBoolean()));
        var request = Assert.Single(receipt.GetProperty("requests").EnumerateArray());
        Assert.Equal(("requested", 1), (request.GetProperty("state").GetString(), request.GetProperty("conflictCount").GetInt32()));
        Assert.Equal(1, receipt.GetProperty("conflictCount").GetInt32());
        Assert.DoesNotContain("pieces", receipt.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("feature", receipt.GetRawText(), StringComparison.Ordinal);
        var read = await app.Us.GetJsonAsync($"/v1/requests/{request.GetProperty("id").GetString()}");
        Assert.Single(read.GetProperty("conflicts").EnumerateArray());
    }

    [Fact]
    public async Task Declare_CrossingAnAlly_SendsNoRequestAndClears()
    {
        await using var app = await StartAsync();
        await app.Us.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("us-patrol-2", "us", Start) });
        var receipt = await app.Uk.ActOkAsync("movement.declare", new { feature = Features.EastWest("uk-convoy-1", "uk", Start) });
        Assert.Empty(receipt.GetProperty("requests").EnumerateArray());
        Assert.Equal("cleared", receipt.GetProperty("movement").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Approve_WithConditions_ClearsTheMovementOnTheRequestersStream()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        await using var usStream = await app.Us.StreamAsync();
        var requestId = await DeclareCrossingAsync(app, ruStream);

        await app.Ru.ActOkAsync("request.acknowledge", new { requestId });
        var acknowledged = await usStream.WaitForAsync("request.acknowledged");
        Assert.Equal("acknowledged", acknowledged.Data.GetProperty("request").GetProperty("state").GetString());
        await app.Ru.ActOkAsync("request.approve", new { requestId, conditions = "pass the junction before 07:45" });

        var cleared = await usStream.WaitForAsync("movement.cleared");
        Assert.Equal("us-convoy-1", cleared.Data.GetProperty("movement").GetProperty("id").GetString());
        var request = await app.Us.GetJsonAsync($"/v1/requests/{requestId}");
        Assert.Equal(("approved", "pass the junction before 07:45", "cleared"),
            (request.GetProperty("state").GetString(), request.GetProperty("conditions").GetString(), request.GetProperty("movementState").GetString()));
    }

    [Fact]
    public async Task Deny_WithReason_DeniesTheMovement()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        var requestId = await DeclareCrossingAsync(app, ruStream);

        await app.Ru.ActOkAsync("request.deny", new { requestId, reason = "live-fire exercise at the junction" });

        var movement = await app.Us.GetJsonAsync("/v1/movements/us-convoy-1");
        Assert.Equal("denied", movement.GetProperty("state").GetString());
        var request = await app.Us.GetJsonAsync($"/v1/requests/{requestId}");
        Assert.Equal("live-fire exercise at the junction", request.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CounterPropose_ThenAccept_ClearsOnTheCounterTerms()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        await using var usStream = await app.Us.StreamAsync();
        var requestId = await DeclareCrossingAsync(app, ruStream);

        var later = new { start = Features.Iso(Start.AddHours(1)), end = Features.Iso(Start.AddHours(1).AddMinutes(20)) };
        await app.Ru.ActOkAsync("request.counter-propose", new { requestId, window = later, note = "after our patrol" });
        var proposed = await usStream.WaitForAsync("request.counter-proposed");
        Assert.Equal(Start.AddHours(1), proposed.Data.GetProperty("request").GetProperty("counter").GetProperty("start").GetDateTimeOffset());

        await app.Us.ActOkAsync("request.accept-counter", new { requestId });
        await ruStream.WaitForAsync("request.counter-accepted");
        var movement = await app.Us.GetJsonAsync("/v1/movements/us-convoy-1");
        Assert.Equal("cleared", movement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task HotlineCall_IsRecordedAndSentToBothParties()
    {
        await using var app = await StartAsync();
        await using var ruStream = await app.Ru.StreamAsync();
        await using var usStream = await app.Us.StreamAsync();
        var requestId = await DeclareCrossingAsync(app, ruStream);

        await app.Us.ActOkAsync("hotline.call", new { with = "ru", requestId, at = Features.Iso(app.Clock.GetUtcNow()), summary = "asked ru to answer the convoy request" });

        var called = await ruStream.WaitForAsync("hotline.called");
        Assert.Equal("us", called.Data.GetProperty("caller").GetString());
        await usStream.WaitForAsync("hotline.called");
        var calls = await app.Ru.GetJsonAsync("/v1/hotline");
        Assert.Equal("asked ru to answer the convoy request", Assert.Single(calls.EnumerateArray()).GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Stream_ResumedWithLastEventId_ReplaysWhatWasMissed()
    {
        await using var app = await StartAsync();
        long lastSeen;
        await using (var ruStream = await app.Ru.StreamAsync())
        {
            await DeclareCrossingAsync(app, ruStream);
            lastSeen = (await app.Ru.GetJsonAsync("/v1/ledger")).GetProperty("size").GetInt64() - 1;
        }

        await app.Us.ActOkAsync("movement.cancel", new { movementId = "us-convoy-1" });

        await using var resumed = await app.Ru.StreamAsync(lastSeen);
        var withdrawn = await resumed.NextAsync();
        Assert.Equal("request.withdrawn", withdrawn.Type);
        Assert.True(withdrawn.Id > lastSeen);
    }
}
