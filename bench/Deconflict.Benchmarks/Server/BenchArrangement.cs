using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Arrangement;

namespace Deconflict.Benchmarks.Server;

/// <summary>The signed arrangement file the benches start the real server with.</summary>
internal static class BenchArrangement
{
    /// <summary>Version 1 between the parties of <paramref name="keys"/> (an hour's notice, 50 m between ground movements,
    /// a day to answer), plus the <paramref name="extra"/> terms, signed by every party.</summary>
    public static JsonObject Signed(SignerKey[] keys, JsonObject? extra = null)
    {
        var arrangement = new JsonObject
        {
            ["version"] = 1,
            ["parties"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["name"] = k.Name, ["key"] = k.VerifierKey.ToString() })]),
            ["minimumNoticeS"] = 3600,
            ["separationM"] = new JsonObject { ["ground|ground"] = 50 },
            ["responseDeadlineS"] = 86_400,
            ["escalationChain"] = new JsonArray("duty-officer", "hotline"),
        };
        foreach (var (name, value) in extra ?? [])
        {
            arrangement[name] = value?.DeepClone();
        }

        var element = JsonSerializer.SerializeToElement(arrangement);
        var signatures = new JsonArray([.. keys.Select(k => JsonNode.Parse(SignedArrangement.Sign(k, element, DateTimeOffset.UtcNow).ToString()))]);
        return new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures };
    }
}
