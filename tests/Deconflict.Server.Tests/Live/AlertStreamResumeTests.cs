using Deconflict.Server.Acts;
using Deconflict.Server.Tests.Support;

namespace Deconflict.Server.Tests.Live;

/// <summary>The SSE ids of an <c>alert.batch</c> entry's alerts over the real server (Kestrel on 127.0.0.1, SQLite in a
/// temp folder): <c>N:1</c>, <c>N:2</c> … and <c>N</c> on the last, and resuming from any of them (before and after a
/// restart that replays the ledger) neither skips nor repeats an alert.</summary>
public sealed class AlertStreamResumeTests
{
    private static readonly DateTimeOffset T0 = DeconflictApplication.Epoch;

    [Fact]
    public async Task Stream_ResumedInsideAnAlertBatch_EachAlertOnceThenTheNextEntry()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Ru.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        string[] ours = ["us-a", "us-b", "us-c"];
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = ours.Select(id => new { id, cotUid = "ANDROID-" + id, kind = "ground" }) });
        await app.Ru.ActOkAsync(ActKinds.TrackBatch, Reports(("ru-btr-4", 42.1000, T0.AddSeconds(1))));

        // One batch brings three units within 500 m of the patrol: three proximity alerts raised together, one entry.
        await app.Us.ActOkAsync(ActKinds.TrackBatch, Reports(("us-a", 42.1010, T0.AddSeconds(2)), ("us-b", 42.1020, T0.AddSeconds(2)), ("us-c", 42.1030, T0.AddSeconds(2))));
        var all = new List<(string Id, string Unit)>();
        long entry;
        await using (var stream = await app.Us.StreamAsync())
        {
            var first = await stream.WaitForAsync(ActKinds.AlertRaised);
            entry = first.Id;
            all.Add((stream.LastEventId!, first.Data.GetProperty("unit").GetString()!));
            for (var k = 1; k < ours.Length; k++)
            {
                var e = await stream.NextAsync();
                Assert.Equal((entry, ActKinds.AlertRaised), (e.Id, e.Type));
                all.Add((stream.LastEventId!, e.Data.GetProperty("unit").GetString()!));
            }
        }

        Assert.Equal([$"{entry}:1", $"{entry}:2", $"{entry}"], all.Select(a => a.Id));
        Assert.Equal(ours, all.Select(a => a.Unit).Order(StringComparer.Ordinal));

        // A later entry for us, to show where each resumed stream goes on.
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-marker", cotUid = "marker-us", kind = "static" } } });
        for (var pass = 0; pass < 2; pass++)
        {
            for (var from = 0; from < all.Count; from++)
            {
                await using var resumed = await app.Us.StreamAsync(all[from].Id);
                foreach (var (id, unit) in all.Skip(from + 1))
                {
                    var e = await resumed.NextAsync();
                    Assert.Equal((ActKinds.AlertRaised, unit, id), (e.Type, e.Data.GetProperty("unit").GetString(), resumed.LastEventId));
                }

                var next = await resumed.NextAsync();
                Assert.Equal("unit.registered", next.Type);
                Assert.True(next.Id > entry);
            }

            // The second pass reads the ledger replayed by a new server: the same ids.
            await app.RestartAsync();
        }
    }

    private static object Reports(params (string Unit, double Lon, DateTimeOffset Time)[] reports) =>
        new { reports = reports.Select(r => new { unit = r.Unit, time = Features.Iso(r.Time), lon = r.Lon, lat = 37.17, altM = 0 }) };
}
