using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary><see cref="Prefix"/> as the ASCII bytes it arrives as.</summary>
    public static ReadOnlySpan<byte> PrefixBytes => "DECONFLICT-SESSION "u8;

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

    /// <summary>The party of a first line <c>DECONFLICT-SESSION &lt;token&gt;</c> (without its <c>\n</c>; a trailing
    /// <c>\r</c> is ignored) whose token is valid, which is used up; null otherwise.</summary>
    public PartyId? RedeemLine(ReadOnlySpan<byte> line) =>
        line.StartsWith(PrefixBytes) ? Redeem(Encoding.ASCII.GetString(line[PrefixBytes.Length..]).TrimEnd('\r')) : null;
}
