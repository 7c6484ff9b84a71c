using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Acts;

/// <summary>Reads fields of an act's body, failing with <c>act.invalid-body</c> and the field's path (<c>body.requestId</c>).</summary>
internal static class ActBody
{
    public static string Text(JsonElement body, string name) =>
        OptionalText(body, name) ?? throw Invalid(name, $"body.{name} should be a non-empty string");

    public static string? OptionalText(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Invalid(name, $"body.{name} should be a non-empty string");
    }

    public static DateTimeOffset Instant(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t)
            ? t.ToUniversalTime() : throw Invalid(name, $"body.{name} should be an ISO 8601 instant");

    public static JsonElement Element(JsonElement body, string name, JsonValueKind kind) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == kind ? v : throw Invalid(name, $"body.{name} should be a JSON {kind.ToString().ToLowerInvariant()}");

    public static PartyId Party(JsonElement body, string name)
    {
        var text = Text(body, name);
        try
        {
            return PartyId.From(text);
        }
        catch (ArgumentException)
        {
            throw Invalid(name, $"body.{name} should be a party name; got '{text}'");
        }
    }

    public static ActException Invalid(string name, string detail) => new("act.invalid-body", detail, "body." + name);
}
