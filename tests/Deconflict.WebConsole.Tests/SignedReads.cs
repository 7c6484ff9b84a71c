using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Deconflict.Ledger.Keys;

namespace Deconflict.WebConsole.Tests;

/// <summary>RFC 9421 requests signed in C# (over @method, @authority, @path, and content-digest with a body), for testing
/// the console's read endpoints without a browser.</summary>
internal static class SignedReads
{
    public static HttpRequestMessage Get(Uri baseAddress, SignerKey key, string path) => Signed(HttpMethod.Get, baseAddress, key, path, null, coverDigest: false);

    public static HttpRequestMessage Post(Uri baseAddress, SignerKey key, string path, string json, bool coverDigest = true) =>
        Signed(HttpMethod.Post, baseAddress, key, path, json, coverDigest);

    private static HttpRequestMessage Signed(HttpMethod method, Uri baseAddress, SignerKey key, string path, string? json, bool coverDigest)
    {
        var uri = new Uri(baseAddress, path);
        var request = new HttpRequestMessage(method, uri);
        var components = "\"@method\" \"@authority\" \"@path\"";
        var lines = new StringBuilder()
            .Append("\"@method\": ").Append(method.Method).Append('\n')
            .Append("\"@authority\": ").Append(uri.Authority).Append('\n')
            .Append("\"@path\": ").Append(uri.AbsolutePath).Append('\n');
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var digest = "sha-256=:" + Convert.ToBase64String(SHA256.HashData(bytes)) + ":";
            request.Headers.Add("Content-Digest", digest);
            if (coverDigest)
            {
                components += " \"content-digest\"";
                lines.Append("\"content-digest\": ").Append(digest).Append('\n');
            }
        }

        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"({components});created={DateTimeOffset.UtcNow.ToUnixTimeSeconds()};keyid=\"{key.Name}\";nonce=\"{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}\";alg=\"ed25519\"");
        lines.Append("\"@signature-params\": ").Append(parameters);
        request.Headers.Add("Signature-Input", "sig1=" + parameters);
        request.Headers.Add("Signature", "sig1=:" + Convert.ToBase64String(key.Sign(Encoding.UTF8.GetBytes(lines.ToString()))) + ":");
        return request;
    }
}
