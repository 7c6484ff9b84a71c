using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Arrangement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Deconflict.Server.Tests.Support;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 (port 0) over a real ledger (a SQLite file in a temp folder, or PostgreSQL),
/// with a fake clock and three parties: <c>us</c> and <c>uk</c> in a coalition, <c>ru</c> alone. Each party gets a
/// <see cref="PartyClient"/> that signs its acts and its reads. <see cref="RestartAsync"/> stops the server and starts a
/// new one on the same data.
/// </summary>
internal sealed class DeconflictApplication : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan ResponseDeadline = TimeSpan.FromMinutes(30);

    private readonly Dictionary<string, SignerKey> _keys;
    private readonly string? _postgres;
    private readonly string _schema = "t" + Guid.NewGuid().ToString("N")[..12];
    private WebApplicationFactory<Program>? _factory;

    private DeconflictApplication(string? postgres, bool withArrangement, string[] signers)
    {
        _postgres = postgres;
        DataDirectory = Directory.CreateTempSubdirectory("deconflict-e2e-").FullName;
        _keys = new[] { "us", "uk", "ru" }.ToDictionary(n => n, SignerKey.Generate);
        ArrangementFile = Path.Combine(DataDirectory, "arrangement.json");
        File.WriteAllText(ArrangementFile, SignedArrangementDocument(1, signers).ToJsonString());
        WithArrangement = withArrangement;
    }

    public string DataDirectory { get; }

    public string ArrangementFile { get; }

    public bool WithArrangement { get; }

    public FakeTimeProvider Clock { get; } = new(Epoch);

    public Uri BaseAddress { get; private set; } = null!;

    public PartyClient Us { get; private set; } = null!;

    public PartyClient Uk { get; private set; } = null!;

    public PartyClient Ru { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>The CoT listener's bound TCP port on 127.0.0.1.</summary>
    public int CotPort => Services.GetRequiredService<Deconflict.Server.Live.CotListener>().Port;

    public static async Task<DeconflictApplication> StartAsync(string? postgres = null, bool withArrangement = true, string[]? signers = null)
    {
        var app = new DeconflictApplication(postgres, withArrangement, signers ?? ["us", "uk", "ru"]);
        await app.LaunchAsync();
        return app;
    }

    /// <summary>The arrangement document (version <paramref name="version"/>) signed by <paramref name="signers"/>.</summary>
    public JsonObject SignedArrangementDocument(int version, string[] signers)
    {
        var arrangement = new JsonObject
        {
            ["version"] = version,
            ["parties"] = new JsonArray([.. _keys.Select(k => (JsonNode)new JsonObject { ["name"] = k.Key, ["key"] = k.Value.VerifierKey.ToString() })]),
            ["coalitions"] = new JsonArray(new JsonArray("us", "uk")),
            ["minimumNoticeS"] = 7200,
            ["separationM"] = new JsonObject { ["ground|ground"] = 100 },
            ["responseDeadlineS"] = ResponseDeadline.TotalSeconds,
            ["escalationChain"] = new JsonArray("duty-officer", "chief-of-staff", "hotline"),
            ["proximityM"] = new JsonObject { ["ground|ground"] = 300 },
            ["closingSpeedMps"] = 5,
            ["closingDurationS"] = 60,
        };
        var element = JsonSerializer.SerializeToElement(arrangement);
        var signatures = new JsonArray([.. signers.Select(s => JsonNode.Parse(SignedArrangement.Sign(_keys[s], element, Epoch).ToString()))]);
        return new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures };
    }

    public SignerKey KeyOf(string party) => _keys[party];

    private readonly Dictionary<string, long> _seqs = new(StringComparer.Ordinal);

    /// <summary>The next seq of a party; it carries over restarts, as a real client's would.</summary>
    public long NextSeq(string party) => _seqs[party] = _seqs.GetValueOrDefault(party) + 1;

    /// <summary>Stops the server (the ledger stays on disk) and starts a new one on the same data and clock.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    private async Task LaunchAsync()
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("data", DataDirectory);
            web.UseSetting("cot-port", "0");
            web.UseSetting("cot-address", "127.0.0.1");
            if (WithArrangement)
            {
                web.UseSetting("arrangement", ArrangementFile);
            }

            if (_postgres is not null)
            {
                web.UseSetting("postgres", _postgres);
                web.UseSetting("postgres-schema", _schema);
            }

            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            web.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        _factory = factory;
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Us = new PartyClient(this, _keys["us"]);
        Uk = new PartyClient(this, _keys["uk"]);
        Ru = new PartyClient(this, _keys["ru"]);
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalising connection; the temp folder is cleaned by the OS.
        }
    }
}
