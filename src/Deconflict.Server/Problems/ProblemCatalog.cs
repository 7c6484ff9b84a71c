using Microsoft.AspNetCore.Http.HttpResults;

namespace Deconflict.Server.Problems;

/// <summary>
/// Every error code the API can answer with, its HTTP status and title. The problem <c>type</c> is
/// <see cref="BaseUri"/> + code, stable across versions (RFC 9457 §3.1.1).
/// </summary>
internal static class ProblemCatalog
{
    public const string BaseUri = "https://deconflict.dev/problems/";

    private static readonly Dictionary<string, (int Status, string Title)> Known = new(StringComparer.Ordinal)
    {
        ["envelope.malformed"] = (400, "The envelope is not a well-formed signed envelope"),
        ["envelope.too-large"] = (413, "The envelope is too large"),
        ["envelope.unknown-party"] = (401, "The envelope is signed by no party of the arrangement"),
        ["envelope.bad-signature"] = (401, "The envelope's signature does not verify"),
        ["envelope.replayed-seq"] = (409, "The envelope's seq is not above the party's last one"),
        ["envelope.clock-skew"] = (400, "The envelope's time is too far from the server's clock"),
        ["json.malformed"] = (400, "The body is not well-formed JSON"),
        ["json.duplicate-key"] = (400, "The body repeats a JSON member"),
        ["act.unknown-kind"] = (400, "The act's kind is not one the server knows"),
        ["act.invalid-body"] = (400, "A field of the act's body is missing or wrong"),
        ["act.for-another-party"] = (403, "A party may only act for itself"),
        ["act.reserved-kind"] = (403, "Only the operator performs this act"),
        ["movement.invalid"] = (400, "The movement is not valid"),
        ["movement.unknown"] = (404, "There is no such movement"),
        ["movement.not-owner"] = (403, "The movement belongs to another party"),
        ["movement.id-taken"] = (409, "The movement id is already declared"),
        ["movement.illegal-transition"] = (409, "The movement cannot make this change in its state"),
        ["movement.not-due"] = (409, "The movement is not due to expire"),
        ["request.unknown"] = (404, "There is no such passage request"),
        ["request.id-taken"] = (409, "The request id is already used"),
        ["request.not-addressee"] = (403, "Only the addressee answers a passage request"),
        ["request.not-requester"] = (403, "Only the requester settles a counter-proposal"),
        ["request.illegal-transition"] = (409, "The request cannot make this change in its state"),
        ["request.reason-required"] = (400, "A denial needs a reason"),
        ["request.not-due"] = (409, "The request is not due for escalation"),
        ["arrangement.invalid"] = (400, "The arrangement is not valid"),
        ["arrangement.unsigned"] = (400, "The arrangement lacks a party's valid signature"),
        ["arrangement.not-initialised"] = (503, "No arrangement is in force yet"),
        ["arrangement.already-initialised"] = (409, "An arrangement is already in force"),
        ["arrangement.stale-version"] = (409, "The amendment's version is not the next one"),
        ["auth.missing-signature"] = (401, "The request carries no HTTP message signature"),
        ["auth.malformed-signature"] = (401, "The HTTP message signature is malformed"),
        ["auth.unknown-key"] = (401, "The signature's keyid names no party"),
        ["auth.bad-signature"] = (401, "The HTTP message signature does not verify"),
        ["auth.expired"] = (401, "The HTTP message signature is too old or from the future"),
        ["auth.replayed-nonce"] = (401, "The HTTP message signature's nonce was already used"),
        ["auth.uncovered-component"] = (401, "The HTTP message signature does not cover a required component"),
        ["unit.id-taken"] = (409, "The unit id or CoT uid is registered by another party"),
        ["unit.unknown"] = (404, "The party has registered no such unit"),
        ["incident.unknown"] = (404, "There is no such incident"),
        ["incident.id-taken"] = (409, "The incident id is already reported"),
        ["incident.not-involved"] = (403, "The party is not involved in the incident"),
        ["checkpoint.unknown"] = (404, "There is no such checkpoint"),
        ["checkpoint.bad-cosignature"] = (400, "The cosignature does not verify with the party's key"),
        ["ledger.bad-range"] = (400, "The tree sizes asked for are not in the ledger"),
        ["checkpoint.not-cosigned"] = (409, "No checkpoint cosigned by every party covers what is asked"),
        ["need-to-know.refused"] = (403, "The party has no need to know this"),
        ["storage.unavailable"] = (503, "The ledger storage is unavailable; retry"),
        ["not-found"] = (404, "There is nothing at this address"),
        ["internal"] = (500, "The server failed"),
    };

    public static IEnumerable<string> Codes => Known.Keys;

    public static int StatusOf(string code) => Known.TryGetValue(code, out var known) ? known.Status : 400;

    public static string TypeOf(string code) => BaseUri + code;

    /// <summary>The problem details for <paramref name="code"/>, with <paramref name="detail"/> naming the field at fault.</summary>
    public static ProblemHttpResult Problem(string code, string detail, string? field = null)
    {
        var (status, title) = Known.TryGetValue(code, out var known) ? known : (400, code);
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, type: TypeOf(code), extensions: extensions);
    }

    public static ProblemHttpResult Problem(ActException e) => Problem(e.Code, e.Message, e.Field);
}

/// <summary>An act or read refused with a stable problem code; <see cref="Field"/> is the JSON path at fault, if any.</summary>
internal sealed class ActException(string code, string detail, string? field = null) : Exception(detail)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;
}
