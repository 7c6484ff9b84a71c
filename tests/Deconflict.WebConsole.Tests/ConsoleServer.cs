using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Arrangement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Deconflict.WebConsole.Tests;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 (port 0) over a SQLite ledger in a temp folder, on the real clock (the browser
/// signs with its own), with three parties: <c>us</c> and <c>uk</c> in a coalition, <c>ru</c> alone. Each party's private
/// key is written as <c>deconflict keygen</c> writes it, for the browser to load.
/// </summary>
internal sealed class ConsoleServer : IAsyncDisposable
{
    private readonly Dictionary<string, SignerKey> _keys = new[] { "us", "uk", "ru" }.ToDictionary(n => n, SignerKey.Generate);
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _http;
    // Like a CLI's, these seqs are the server's to compare only: they start from the clock (far above the browser's, which
    // reads the last one from the server) and increase.
    private long _seq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private ConsoleServer(string? tiles)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("deconflict-console-").FullName;
        foreach (var (name, key) in _keys)
        {
            File.WriteAllText(KeyFile(name), key.ToString() + "\n");
        }

        var arrangementFile = Path.Combine(Directory, "arrangement.json");
        File.WriteAllText(arrangementFile, Arrangement().ToJsonString());
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("data", Directory);
            web.UseSetting("arrangement", arrangementFile);
            web.UseSetting("cot-port", "0");
            web.UseSetting("cot-address", "127.0.0.1");
            if (tiles is not null)
            {
                web.UseSetting("tiles", tiles);
            }

            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _http = new HttpClient { BaseAddress = BaseAddress };
    }

    public string Directory { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the server; <paramref name="tiles"/> is the operator's tile server (<c>--tiles</c>), if any.</summary>
    public static ConsoleServer Start(string? tiles = null) => new(tiles);

    public string KeyFile(string party) => Path.Combine(Directory, party + ".key");

    public SignerKey KeyOf(string party) => _keys[party];

    /// <summary>Submits an act of <paramref name="party"/> signed here, in C#, as another client of the party would.</summary>
    /// <returns>The act's seq.</returns>
    public async Task<long> ActAsync(string party, string kind, object body)
    {
        var seq = Interlocked.Increment(ref _seq);
        var envelope = EnvelopeSigner.Sign(_keys[party], new Envelope(party, seq, DateTimeOffset.UtcNow, kind, JsonSerializer.SerializeToElement(body)));
        using var content = new ByteArrayContent(envelope.LeafBytes.ToArray());
        content.Headers.ContentType = new("application/json");
        using var response = await _http.PostAsync("/v1/acts", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return seq;
    }

    private JsonObject Arrangement()
    {
        var arrangement = new JsonObject
        {
            ["version"] = 1,
            ["parties"] = new JsonArray([.. _keys.Select(k => (JsonNode)new JsonObject { ["name"] = k.Key, ["key"] = k.Value.VerifierKey.ToString() })]),
            ["coalitions"] = new JsonArray(new JsonArray("us", "uk")),
            ["minimumNoticeS"] = 7200,
            ["separationM"] = new JsonObject { ["ground|ground"] = 100 },
            ["responseDeadlineS"] = 1800,
            ["escalationChain"] = new JsonArray("duty-officer", "chief-of-staff", "hotline"),
            ["proximityM"] = new JsonObject { ["ground|ground"] = 300 },
            ["closingSpeedMps"] = 5,
            ["closingDurationS"] = 60,
        };
        var element = JsonSerializer.SerializeToElement(arrangement);
        var signatures = new JsonArray([.. _keys.Values.Select(k => JsonNode.Parse(SignedArrangement.Sign(k, element, DateTimeOffset.UtcNow).ToString()))]);
        return new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the OS cleans the temp folder.
        }
    }
}
