using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deconflict.Server.Tests.Support;

namespace Deconflict.Server.Tests.Live;

/// <summary>RFC 9421-signed POSTs and GETs of a party (as <see cref="PartyClient.SignedGet"/>, for any method).</summary>
internal static class SignedHttp
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<JsonElement> SendOkAsync(DeconflictApplication app, string party, HttpMethod method, string path, HttpContent? content = null)
    {
        using var response = await SendAsync(app, party, method, path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} by {party}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Signs and sends; with <paramref name="tamper"/>, the body is replaced after signing (as an attacker on path would).</summary>
    public static async Task<HttpResponseMessage> SendAsync(DeconflictApplication app, string party, HttpMethod method, string path, HttpContent? content = null, HttpContent? tamper = null)
    {
        var uri = new Uri(app.BaseAddress, path);
        var digest = content is null ? null : "sha-256=:" + Convert.ToBase64String(SHA256.HashData(await content.ReadAsByteArrayAsync())) + ":";
        var covered = digest is null ? "" : " \"content-digest\"";
        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"(\"@method\" \"@authority\" \"@path\"{covered});created={app.Clock.GetUtcNow().ToUnixTimeSeconds()};keyid=\"{party}\";nonce=\"{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}\";alg=\"ed25519\"");
        var signatureBase = $"\"@method\": {method.Method}\n\"@authority\": {uri.Authority.ToLowerInvariant()}\n\"@path\": {uri.AbsolutePath}\n"
            + (digest is null ? "" : $"\"content-digest\": {digest}\n") + $"\"@signature-params\": {parameters}";
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (digest is not null)
        {
            request.Content!.Headers.Add("Content-Digest", digest);
        }

        request.Headers.Add("Signature-Input", "sig1=" + parameters);
        request.Headers.Add("Signature", "sig1=:" + Convert.ToBase64String(app.KeyOf(party).Sign(Encoding.UTF8.GetBytes(signatureBase))) + ":");
        if (tamper is not null)
        {
            tamper.Headers.Add("Content-Digest", digest);
            request.Content = tamper;
        }

        return await Http.SendAsync(request);
    }
}
