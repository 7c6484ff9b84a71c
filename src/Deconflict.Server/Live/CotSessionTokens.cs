using System.Collections.Concurrent;
using System.Security.Cryptography;
using Deconflict.Declare;

namespace Deconflict.Server.Live;

/// <summary>Short-lived, single-use tokens that authenticate a CoT connection as a party: a party obtains one with an
/// RFC 9421-signed <c>POST /v1/cot/sessions</c> and sends <c>DECONFLICT-SESSION &lt;token&gt;\n</c> as the connection's
/// first line; every event on that connection is then attributed to that party, whatever it claims.</summary>
/// <threadsafety>Safe from any thread.</threadsafety>
internal sealed class CotSessionTokens(TimeProvider clock)
{
    /// <summary>How long a token may wait before it is used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>The first line's prefix, before the token.</summary>
    public const string Prefix = "DECONFLICT-SESSION ";

    private readonly ConcurrentDictionary<string, (PartyId Party, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>Issues a token for <paramref name="party"/>; 256 random bits, base64url.</summary>
    public (string Token, DateTimeOffset Expires) Issue(PartyId party)
    {
        var now = clock.GetUtcNow();
        foreach (var (token, entry) in _tokens)
        {
            if (entry.Expires < now)
            {
                _tokens.TryRemove(token, out _);
            }
        }

        var issued = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = now + Lifetime;
        _tokens[issued] = (party, expires);
        return (issued, expires);
    }

    /// <summary>The party of a valid, unexpired token, which is used up; null otherwise.</summary>
    public PartyId? Redeem(string token) =>
        _tokens.TryRemove(token, out var entry) && entry.Expires >= clock.GetUtcNow() ? entry.Party : null;
}
