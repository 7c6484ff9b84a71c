namespace Deconflict.Negotiate;

/// <summary>Why an act was refused by the negotiation rules: a stable <see cref="Code"/> and a sentence for people.</summary>
/// <remarks>Codes are stable and the API maps each to a problem <c>type</c> URI: <c>request.not-addressee</c>,
/// <c>request.not-requester</c>, <c>request.illegal-transition</c>, <c>request.reason-required</c>,
/// <c>request.not-due</c>, <c>request.unknown</c>, <c>movement.unknown</c>, <c>movement.not-owner</c>,
/// <c>movement.id-taken</c>, <c>movement.illegal-transition</c>, <c>movement.not-due</c>.</remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly record struct DomainError(string Code, string Detail)
{
    /// <summary>Returns <c>code: detail</c>.</summary>
    public override string ToString() => Code + ": " + Detail;
}
