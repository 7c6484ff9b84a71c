extern alias cli;

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using cli::Deconflict.Cli.Relay;
using Deconflict.Server.Acts;
using Deconflict.Server.Ports;
using Deconflict.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Deconflict.Server.Tests.Live;

/// <summary><c>deconflict relay</c>'s relay against the real server: CoT from a TAK client on a loopback socket becomes
/// party-signed <c>track.batch</c> entries.</summary>
public sealed class TrackRelayTests
{
    [Fact]
    public async Task FlushAsync_CotFromTheParty_LedgerHoldsItsSignedBatch()
    {
        await using var app = await DeconflictApplication.StartAsync();
        await app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        var seqFile = Path.Combine(app.DataDirectory, "us.key.seq"); // starts below the seq the party already used: the relay catches up
        var relay = new TrackRelay(app.KeyOf("us"), seqFile, app.BaseAddress, app.Clock);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var listening = relay.ListenCotAsync(listener, new Dictionary<string, string> { ["ANDROID-us-1"] = "us-mrap-1" }, stop.Token);

        await using (var device = await TakTestClient.ConnectAsync(((IPEndPoint)listener.LocalEndpoint).Port, null, app.Clock))
        {
            await device.SendPositionAsync("ANDROID-us-1", 42.10, 37.17, DeconflictApplication.Epoch.AddSeconds(1));
            await device.SendPositionAsync("ANDROID-xx-9", 42.11, 37.17, DeconflictApplication.Epoch.AddSeconds(1));
            await device.SendPositionAsync("ANDROID-us-1", 42.1001, 37.17, DeconflictApplication.Epoch.AddSeconds(2));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            var sent = 0;
            while (sent < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                sent += await relay.FlushAsync(CancellationToken.None);
            }

            Assert.Equal(2, sent);
        }

        stop.Cancel();
        await listening;
        listener.Stop();
        Assert.Equal(1, relay.UnknownUids);

        var batches = new List<JsonElement>();
        await foreach (var (_, envelope) in app.Services.GetRequiredService<IActLog>().ReadAllAsync(CancellationToken.None))
        {
            if (envelope.Envelope.Kind == ActKinds.TrackBatch)
            {
                Assert.Equal("us", envelope.Envelope.Party);
                batches.Add(envelope.Envelope.Body.Clone());
            }
        }

        Assert.Equal([42.10, 42.1001], batches.SelectMany(b => b.GetProperty("reports").EnumerateArray()).Select(r => r.GetProperty("lon").GetDouble()));
    }
}
