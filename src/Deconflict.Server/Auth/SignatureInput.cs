using System.Globalization;
using System.Text;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Auth;

/// <summary>
/// One signature's covered components and parameters, parsed from the <c>Signature-Input</c> field (RFC 9421 §4.1), e.g.
/// <c>sig1=("@method" "@path" "@authority");created=1732536000;keyid="us";nonce="…";alg="ed25519"</c>.
/// </summary>
internal sealed record SignatureInput(string Label, IReadOnlyList<string> Components, long Created, string KeyId, string Nonce, string SerializedParams)
{
    public static SignatureInput Parse(string header)
    {
        var eq = header.IndexOf('=', StringComparison.Ordinal);
        var open = header.IndexOf('(', StringComparison.Ordinal);
        var close = header.IndexOf(')', StringComparison.Ordinal);
        if (eq <= 0 || open != eq + 1 || close < open || header.Contains(",", StringComparison.Ordinal) && header.IndexOf(',', StringComparison.Ordinal) < close)
        {
            throw Malformed("Signature-Input should be one label=(\"component\" …);param=value…");
        }

        var label = header[..eq].Trim();
        var components = header[(open + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Length >= 2 && c[0] == '"' && c[^1] == '"' ? c[1..^1] : throw Malformed($"the component {c} should be a quoted string")).ToList();
        var serialized = header[(eq + 1)..].Split(',')[0].Trim();
        long? created = null;
        string? keyId = null, nonce = null;
        foreach (var param in header[(close + 1)..].Split(',')[0].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = param.Split('=', 2);
            var value = kv.Length == 2 ? kv[1].Trim() : "";
            var text = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : null;
            switch (kv[0].Trim())
            {
                case "created":
                    created = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : throw Malformed("created should be an integer");
                    break;
                case "keyid":
                    keyId = text ?? throw Malformed("keyid should be a quoted string");
                    break;
                case "nonce":
                    nonce = text ?? throw Malformed("nonce should be a quoted string");
                    break;
                case "alg" when text != "ed25519":
                    throw Malformed("alg should be \"ed25519\"");
            }
        }

        return new SignatureInput(label, components, created ?? throw Malformed("created is required"), keyId ?? throw Malformed("keyid is required"),
            nonce ?? throw Malformed("nonce is required"), serialized);
    }

    /// <summary>The signature base (RFC 9421 §2.5): one <c>"name": value</c> line per component, then <c>"@signature-params"</c>.</summary>
    public byte[] Base(Func<string, string?> componentValue)
    {
        var text = new StringBuilder();
        foreach (var component in Components)
        {
            var value = componentValue(component) ?? throw new ActException("auth.uncovered-component", $"the request has no component {component}", "Signature-Input");
            text.Append('"').Append(component).Append("\": ").Append(value).Append('\n');
        }

        text.Append("\"@signature-params\": ").Append(SerializedParams);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static ActException Malformed(string detail) => new("auth.malformed-signature", detail, "Signature-Input");
}
