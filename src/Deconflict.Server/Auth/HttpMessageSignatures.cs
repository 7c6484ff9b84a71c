using System.Collections.Concurrent;
using Deconflict.Declare;
using Deconflict.Server.Hosting;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http;

namespace Deconflict.Server.Auth;

/// <summary>
/// Authenticates reads with RFC 9421 HTTP Message Signatures over Ed25519: the party (<c>keyid</c>) signs at least
/// <c>@method</c>, <c>@authority</c> and <c>@path</c> (plus <c>@query</c> when there is a query) with <c>created</c> at most
/// <see cref="ServerOptions.SignatureMaxAge"/> old and a <c>nonce</c> never seen in that window.
/// </summary>
/// <threadsafety>Safe from any thread.</threadsafety>
internal sealed class HttpMessageSignatures(DeconflictState state, TimeProvider clock, ServerOptions options)
{
    private static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    /// <summary>The party that signed <paramref name="request"/>.</summary>
    /// <exception cref="ActException">An <c>auth.*</c> code naming what is wrong.</exception>
    public PartyId Authenticate(HttpRequest request)
    {
        var inputHeader = request.Headers["Signature-Input"].ToString();
        var signatureHeader = request.Headers["Signature"].ToString();
        if (inputHeader.Length == 0 || signatureHeader.Length == 0)
        {
            throw new ActException("auth.missing-signature", "Sign the request (RFC 9421) with Signature-Input and Signature headers; keyid = your party name", "Signature");
        }

        var input = SignatureInput.Parse(inputHeader);
        var prefix = input.Label + "=:";
        if (!signatureHeader.StartsWith(prefix, StringComparison.Ordinal) || !signatureHeader.EndsWith(':'))
        {
            throw new ActException("auth.malformed-signature", $"Signature should be {input.Label}=:base64:", "Signature");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureHeader[prefix.Length..^1]);
        }
        catch (FormatException)
        {
            throw new ActException("auth.malformed-signature", "Signature should hold base64 between colons", "Signature");
        }

        var required = request.QueryString.HasValue ? (string[])["@method", "@authority", "@path", "@query"] : ["@method", "@authority", "@path"];
        foreach (var component in required.Where(c => !input.Components.Contains(c) && !input.Components.Contains("@target-uri")))
        {
            throw new ActException("auth.uncovered-component", $"The signature should cover {component}", "Signature-Input");
        }

        var key = (input.KeyId == Acts.ActKinds.Operator ? null : state.KeyOf(input.KeyId))
            ?? throw new ActException("auth.unknown-key", $"keyid '{input.KeyId}' is not a party of the arrangement", "Signature-Input");
        if (!key.Verify(input.Base(c => ComponentValue(request, c)), signature))
        {
            throw new ActException("auth.bad-signature", $"The signature does not verify with the key of '{input.KeyId}'", "Signature");
        }

        var now = clock.GetUtcNow();
        var created = DateTimeOffset.FromUnixTimeSeconds(input.Created);
        if (created < now - options.SignatureMaxAge || created > now + FutureSkew)
        {
            throw new ActException("auth.expired", $"created {created:O} is not within {options.SignatureMaxAge.TotalSeconds} s of the server's clock {now:O}", "Signature-Input");
        }

        Purge(now);
        if (!_nonces.TryAdd(input.KeyId + "\n" + input.Nonce, created))
        {
            throw new ActException("auth.replayed-nonce", $"The nonce '{input.Nonce}' was already used", "Signature-Input");
        }

        return PartyId.From(input.KeyId);
    }

    /// <summary>The value of a covered component (RFC 9421 §2.1–2.2), or null if the request lacks it.</summary>
    /// <summary>For a request whose body the signature must cover: <c>auth.uncovered-component</c> unless the signature
    /// covers <c>content-digest</c> and the <c>Content-Digest</c> header is the SHA-256 of <paramref name="body"/> (RFC 9530).</summary>
    public static ActException? UncoveredBody(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var digest = "sha-256=:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body)) + ":";
        return SignatureInput.Parse(request.Headers["Signature-Input"].ToString()).Components.Contains("content-digest")
            && request.Headers["Content-Digest"].ToString() == digest
            ? null
            : new ActException("auth.uncovered-component", $"Send Content-Digest: {digest} and cover content-digest in the signature", "Content-Digest");
    }

    public static string? ComponentValue(HttpRequest request, string component) => component switch
    {
        "@method" => request.Method,
        "@authority" => request.Host.Value?.ToLowerInvariant(),
        "@path" => (request.PathBase + request.Path).ToUriComponent(),
        "@query" => request.QueryString.HasValue ? request.QueryString.Value : "?",
        "@target-uri" => $"{request.Scheme}://{request.Host.Value?.ToLowerInvariant()}{(request.PathBase + request.Path).ToUriComponent()}{request.QueryString.Value}",
        _ when component.StartsWith('@') => null,
        _ => request.Headers.TryGetValue(component, out var v) ? v.ToString().Trim() : null,
    };

    private void Purge(DateTimeOffset now)
    {
        foreach (var (nonce, created) in _nonces)
        {
            if (created < now - options.SignatureMaxAge - options.SignatureMaxAge)
            {
                _nonces.TryRemove(nonce, out _);
            }
        }
    }
}
