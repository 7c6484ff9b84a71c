using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Demo;
using Deconflict.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Deconflict.Server.Tests.Demo;

/// <summary>The server's <c>--demo</c>: the al-Malikiyah scenario played through the API of a real server on loopback gives
/// the reviewed findings; restarted on the same data, the server serves the played ledger to the parties' keys.</summary>
public sealed class DemoServerTests
{
    [Fact]
    public async Task Demo_PlayedThroughTheApi_GivesTheReviewedFindingsAndServesThemAfterARestart()
    {
        var data = Directory.CreateTempSubdirectory("deconflict-demo-").FullName;
        try
        {
            var (played, _) = await DemoServer.PlayAsync(data, null, CancellationToken.None);

            using var zip = new ZipArchive(new MemoryStream(played.Bundle));
            using var reader = new StreamReader(zip.GetEntry("findings.json")!.Open(), Encoding.UTF8);
            var golden = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Demo", "al-malikiyah-2020.findings.json"));
            Assert.Equal(golden.ReplaceLineEndings("\n").TrimEnd(), (await reader.ReadToEndAsync()).ReplaceLineEndings("\n").TrimEnd());
            using var bundled = JsonDocument.Parse(golden);
            foreach (var list in new[] { ("findings", "findings"), ("compliant", "compliant") })
            {
                Assert.Equal(
                    bundled.RootElement.GetProperty(list.Item1).EnumerateArray().Select(f => (f.GetProperty("party").GetString(), f.GetProperty("rule").GetString(), string.Join(",", f.GetProperty("entries").EnumerateArray().Select(e => e.GetInt64())))),
                    played.Findings.GetProperty(list.Item2).EnumerateArray().Select(f => (f.GetProperty("party").GetString(), f.GetProperty("rule").GetString(), string.Join(",", f.GetProperty("entries").EnumerateArray().Select(e => e.GetInt64())))));
            }

            Assert.True(File.Exists(Path.Combine(data, "inc-2020-08-25.zip")));
            await Assert.ThrowsAsync<InvalidOperationException>(() => DemoServer.PlayAsync(data, null, CancellationToken.None));

            // Restarted with --demo on the same data, the server serves the ledger as played, on the real clock.
            await using var app = DeconflictApp.Build(["--data", data, "--demo", "--urls", "http://127.0.0.1:0", "--cot-port", "0", "--cot-address", "127.0.0.1", "--Logging:LogLevel:Default", "Warning"]);
            await app.StartAsync();
            Assert.Null(await app.Services.GetRequiredService<DemoService>().Completion);
            using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
            using var key = SignerKey.Parse(await File.ReadAllTextAsync(Path.Combine(data, "demo-keys", "usa.key")));
            var incidents = await new DemoParty(key, http, TimeProvider.System).GetJsonAsync("/v1/incidents");
            var incident = Assert.Single(incidents.EnumerateArray());
            Assert.Equal(("inc-2020-08-25", "usa"), (incident.GetProperty("id").GetString(), incident.GetProperty("reporter").GetString()));
            Assert.Equal(["rus", "sdf", "usa"], incident.GetProperty("involved").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal(["rus", "usa"], incident.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("party").GetString()));
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
