using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Server.Tests.Support;

/// <summary>A party's client: signs its acts as envelopes and its reads with RFC 9421 (Ed25519, keyid = party).</summary>
internal sealed class PartyClient(DeconflictApplication app, SignerKey key)
{
    private readonly HttpClient _http = new() { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public string Name => key.Name;

    /// <summary>Signs an act with the next seq (or the one given) at the fake clock's time.</summary>
    public SignedEnvelope Sign(string kind, object body, long? seq = null) =>
        EnvelopeSigner.Sign(key, new Envelope(key.Name, seq ?? app.NextSeq(key.Name), app.Clock.GetUtcNow(), kind, JsonSerializer.SerializeToElement(body)));

    public Task<HttpResponseMessage> ActAsync(string kind, object body, long? seq = null) => PostAsync(Sign(kind, body, seq));

    public Task<HttpResponseMessage> PostAsync(SignedEnvelope envelope) => PostRawAsync(envelope.LeafBytes.ToArray());

    public Task<HttpResponseMessage> PostRawAsync(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _http.PostAsync("/v1/acts", content);
    }

    /// <summary>Submits an act and returns the receipt, failing the test with the problem if refused.</summary>
    public async Task<JsonElement> ActOkAsync(string kind, object body)
    {
        var response = await ActAsync(kind, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{kind} by {Name} was refused: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? nonce = null, long? created = null) =>
        _http.SendAsync(SignedGet(pathAndQuery, nonce, created));

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        var response = await GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} by {Name}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Opens the party's event stream, resuming after entry <paramref name="lastEventId"/> if given.</summary>
    public Task<EventStream> StreamAsync(long? lastEventId = null) => StreamAsync(lastEventId?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Opens the party's event stream, resuming after the SSE id <paramref name="lastEventId"/> (<c>N</c> or <c>N:j</c>) if given.</summary>
    public async Task<EventStream> StreamAsync(string? lastEventId)
    {
        var request = SignedGet("/v1/stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>A GET signed per RFC 9421 §2.5 over @method, @authority, @path (and @query), written here independently of the server.</summary>
    public HttpRequestMessage SignedGet(string pathAndQuery, string? nonce = null, long? created = null)
    {
        var uri = new Uri(app.BaseAddress, pathAndQuery);
        var components = uri.Query.Length > 0 ? "\"@method\" \"@authority\" \"@path\" \"@query\"" : "\"@method\" \"@authority\" \"@path\"";
        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"({components});created={created ?? app.Clock.GetUtcNow().ToUnixTimeSeconds()};keyid=\"{key.Name}\";nonce=\"{nonce ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}\";alg=\"ed25519\"");
        var lines = new StringBuilder()
            .Append("\"@method\": GET\n")
            .Append("\"@authority\": ").Append(uri.Authority.ToLowerInvariant()).Append('\n')
            .Append("\"@path\": ").Append(uri.AbsolutePath).Append('\n');
        if (uri.Query.Length > 0)
        {
            lines.Append("\"@query\": ").Append(uri.Query).Append('\n');
        }

        lines.Append("\"@signature-params\": ").Append(parameters);
        var signature = key.Sign(Encoding.UTF8.GetBytes(lines.ToString()));
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("Signature-Input", "sig1=" + parameters);
        request.Headers.Add("Signature", "sig1=:" + Convert.ToBase64String(signature) + ":");
        return request;
    }
}

/// <summary>A party's open SSE stream.</summary>
internal sealed class EventStream(HttpResponseMessage response, Stream stream) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<SseItem<string>> _items = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();

    /// <summary>The SSE id of the last event returned (<c>N</c>, or <c>N:j</c> within an entry of several events).</summary>
    public string? LastEventId { get; private set; }

    /// <summary>The next event that is not a heartbeat, or fails after <paramref name="timeout"/> (default 10 s); its
    /// <c>Id</c> is the ledger index of the entry behind it.</summary>
    public async Task<(long Id, string Type, JsonElement Data)> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var moved = await _items.MoveNextAsync().AsTask().WaitAsync(cts.Token);
            Assert.True(moved, "the stream ended");
            var item = _items.Current;
            if (item.EventType != "heartbeat")
            {
                LastEventId = item.EventId!;
                return (long.Parse(LastEventId.Split(':')[0], CultureInfo.InvariantCulture), item.EventType, JsonDocument.Parse(item.Data).RootElement.Clone());
            }
        }
    }

    /// <summary>Reads events until one of <paramref name="type"/> arrives (and <paramref name="match"/> holds), returning it.</summary>
    public async Task<(long Id, string Type, JsonElement Data)> WaitForAsync(string type, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            var e = await NextAsync();
            if (e.Type == type && (match is null || match(e.Data)))
            {
                return e;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        response.Dispose();
        await _items.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
        await stream.DisposeAsync();
    }
}
