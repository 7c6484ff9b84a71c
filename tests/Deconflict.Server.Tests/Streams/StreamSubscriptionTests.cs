using Deconflict.Server.Tests.Support;

namespace Deconflict.Server.Tests.Streams;

/// <summary><c>GET /v1/stream</c> over real Kestrel: a subscriber learns at once that it is subscribed.</summary>
public sealed class StreamSubscriptionTests
{
    [Fact]
    public async Task Subscribe_NothingNewForTheParty_HeadersArriveAtOnceWithAHeartbeat()
    {
        await using var app = await DeconflictApplication.StartAsync();
        var size = (await app.Us.GetJsonAsync("/v1/ledger")).GetProperty("size").GetInt64();

        // The test clock never moves, so without the first heartbeat the headers would wait for an event that never comes.
        await using var stream = await app.Us.StreamAsync(size - 1).WaitAsync(TimeSpan.FromSeconds(10));

        await app.Us.ActOkAsync("unit.register", new { units = new[] { new { id = "us-unit-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        var next = await stream.NextAsync();
        Assert.Equal(("unit.registered", size), (next.Type, next.Id));
    }
}
