using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Benchmarks.Server;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Auth;

namespace Deconflict.Benchmarks.Track;

/// <summary>The real server as a child process on loopback (SQLite ledger in a temp folder, CoT listener on a free port),
/// and what a party does to it over HTTP: signed acts, RFC 9421-signed requests, its event stream.</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly Dictionary<string, SignerKey> _keys;
    private readonly Dictionary<string, long> _seqs = [];

    private LiveServer(Process process, string dir, Dictionary<string, SignerKey> keys, int port)
    {
        _process = process;
        _dir = dir;
        _keys = keys;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
    }

    public HttpClient Http { get; }

    /// <summary>CPU time the server process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the server for an arrangement of <paramref name="parties"/> with a proximity threshold for every pair of kinds.</summary>
    public static async Task<LiveServer> StartAsync(string serverDll, IReadOnlyList<string> parties, double proximityMetres)
    {
        var dir = Directory.CreateTempSubdirectory("deconflict-live-bench-").FullName;
        var keys = parties.ToDictionary(p => p, SignerKey.Generate);
        var arrangementFile = Path.Combine(dir, "arrangement.json");
        await File.WriteAllTextAsync(arrangementFile, Arrangement(keys.Values.ToArray(), proximityMetres).ToJsonString());
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var process = Process.Start(new ProcessStartInfo("dotnet", [serverDll, "--data", Path.Combine(dir, "data"), "--urls", $"http://127.0.0.1:{port}",
            "--arrangement", arrangementFile, "--cot-port", "0", "--cot-address", "127.0.0.1", "--Logging:LogLevel:Default=Warning"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("# server: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LiveServer(process, dir, keys, port);
        await server.WaitUntilUpAsync();
        return server;
    }

    /// <summary>Submits a party's signed act and fails unless it is accepted.</summary>
    public async Task ActAsync(string party, string kind, object body)
    {
        long seq;
        lock (_seqs)
        {
            seq = _seqs[party] = _seqs.GetValueOrDefault(party) + 1;
        }

        var wire = EnvelopeSigner.Sign(_keys[party], new Envelope(party, seq, DateTimeOffset.UtcNow, kind, JsonSerializer.SerializeToElement(body))).LeafBytes.ToArray();
        var content = new ByteArrayContent(wire);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync("/v1/acts", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{kind} by {party} refused: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>An RFC 9421-signed request of a party (no body).</summary>
    public HttpRequestMessage Signed(string party, HttpMethod method, string path) =>
        new RequestSigner(_keys[party], TimeProvider.System).Sign(method, new Uri(Http.BaseAddress!, path));

    public async Task<JsonElement> SignedJsonAsync(string party, HttpMethod method, string path)
    {
        using var response = await Http.SendAsync(Signed(party, method, path));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} by {party}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A new CoT connection authenticated as <paramref name="party"/> with a session token.</summary>
    public async Task<TcpClient> ConnectCotAsync(string party)
    {
        var session = await SignedJsonAsync(party, HttpMethod.Post, "/v1/cot/sessions");
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, session.GetProperty("port").GetInt32());
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(session.GetProperty("firstLine").GetString() + "\n"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    // The benches' arrangement, with a proximity alert at the same distance for every kind pair.
    private static JsonObject Arrangement(SignerKey[] keys, double proximityMetres)
    {
        var proximity = new JsonObject();
        foreach (var pair in new[] { "ground|ground", "ground|air", "ground|static", "air|air", "air|static", "static|static" })
        {
            proximity[pair] = proximityMetres;
        }

        return BenchArrangement.Signed(keys, new JsonObject { ["proximityM"] = proximity, ["closingSpeedMps"] = 5, ["closingDurationS"] = 10 });
    }

    private async Task WaitUntilUpAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await Http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the server did not start");
    }
}
