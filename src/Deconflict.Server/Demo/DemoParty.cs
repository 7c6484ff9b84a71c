using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Auth;

namespace Deconflict.Server.Demo;

/// <summary>One party of the demo as a client of the server: signs its acts as envelopes (seq counted here) and its
/// requests with RFC 9421 (Ed25519, keyid = party; a body's Content-Digest, RFC 9530, covered), at the given clock's time.</summary>
/// <threadsafety>Not thread-safe: the player drives one party at a time.</threadsafety>
internal sealed class DemoParty(SignerKey key, HttpClient http, TimeProvider clock)
{
    private readonly RequestSigner _signer = new(key, clock);
    private long _seq;

    public string Name => key.Name;

    public SignerKey Key => key;

    /// <summary>Submits a signed act at <paramref name="at"/>; throws with the server's problem if it is refused.</summary>
    public Task<JsonElement> ActAsync(string kind, JsonElement body, DateTimeOffset at)
    {
        var envelope = EnvelopeSigner.Sign(key, new Envelope(key.Name, ++_seq, at, kind, body));
        var content = new ByteArrayContent(envelope.LeafBytes.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return JsonAsync(http.PostAsync("/v1/acts", content), $"{kind} by {Name}");
    }

    /// <summary>Sends a signed request; throws with the server's problem unless it succeeds.</summary>
    public async Task<byte[]> SendAsync(HttpMethod method, string path, byte[]? body = null, string contentType = "text/plain")
    {
        using var response = await http.SendAsync(_signer.Sign(method, new Uri(http.BaseAddress!, path), body, contentType));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? bytes
            : throw new InvalidOperationException($"{method} {path} by {Name}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Get, path));
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> sending, string what)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} was refused: {(int)response.StatusCode} {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
