namespace Deconflict.Server.Api.Acts;

/// <summary>What the server answers to an accepted act: where it sits in the ledger, whether it was already there, and a
/// summary of the state it produced — the movement's state for movement acts, and the requests it opened or answered
/// with their conflict counts. The conflicting pieces are not in the answer: the parties read them from
/// <c>GET /v1/requests/{id}</c> (and a movement whole from <c>GET /v1/movements/{id}</c>), under need-to-know.</summary>
/// <param name="Index">The act's ledger index.</param>
/// <param name="Duplicate">Whether the same envelope was already in the ledger (nothing was appended).</param>
/// <param name="Kind">The act's kind.</param>
/// <param name="Subject">What the act is about: a movement id, a request id, an incident, or the kind.</param>
/// <param name="Movement">The movement the act concerns, when it names one.</param>
/// <param name="Requests">The passage requests of the movement's current version (or the request answered).</param>
/// <param name="ConflictCount">The conflicts listed on <paramref name="Requests"/>, added up.</param>
internal sealed record ActReceiptDto(long Index, bool Duplicate, string Kind, string Subject, MovementSummaryDto? Movement, IReadOnlyList<RequestSummaryDto> Requests, int ConflictCount);

/// <summary>A movement in an act's answer: its id, version, state and whether it was declared at short notice.</summary>
internal sealed record MovementSummaryDto(string Id, int Version, string State, bool ShortNotice);

/// <summary>A passage request in an act's answer: its id, addressee, state and how many conflicts it lists.</summary>
internal sealed record RequestSummaryDto(string Id, string To, string State, int ConflictCount);
