using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Deconflict.Ledger.Keys;

namespace Deconflict.Server.Auth;

/// <summary>The client side of <see cref="HttpMessageSignatures"/>: signs a request of a party with RFC 9421 (Ed25519,
/// <c>keyid</c> = party, <c>@method</c>, <c>@authority</c> and <c>@path</c> covered, and a body's RFC 9530
/// <c>Content-Digest</c>), at the given clock's time with a fresh nonce.</summary>
/// <threadsafety>Safe from any thread: it holds no state of its own.</threadsafety>
internal sealed class RequestSigner(SignerKey key, TimeProvider clock)
{
    /// <summary>The signing party.</summary>
    public string Party => key.Name;

    /// <summary>A signed request for <paramref name="uri"/>, with <paramref name="body"/> as its content if given.</summary>
    public HttpRequestMessage Sign(HttpMethod method, Uri uri, byte[]? body = null, string contentType = "text/plain")
    {
        var digest = body is null ? null : "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";
        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"(\"@method\" \"@authority\" \"@path\"{(digest is null ? "" : " \"content-digest\"")});created={clock.GetUtcNow().ToUnixTimeSeconds()};keyid=\"{key.Name}\";nonce=\"{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}\";alg=\"ed25519\"");
        var signatureBase = $"\"@method\": {method.Method}\n\"@authority\": {uri.Authority.ToLowerInvariant()}\n\"@path\": {uri.AbsolutePath}\n"
            + (digest is null ? "" : $"\"content-digest\": {digest}\n") + $"\"@signature-params\": {parameters}";
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            request.Content.Headers.Add("Content-Digest", digest);
        }

        request.Headers.Add("Signature-Input", "sig1=" + parameters);
        request.Headers.Add("Signature", "sig1=:" + Convert.ToBase64String(key.Sign(Encoding.UTF8.GetBytes(signatureBase))) + ":");
        return request;
    }
}
