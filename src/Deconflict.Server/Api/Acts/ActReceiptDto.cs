using Deconflict.Server.Api.Movements;
using Deconflict.Server.Api.Requests;

namespace Deconflict.Server.Api.Acts;

/// <summary>What the server answers to an accepted act: where it sits in the ledger, whether it was already there, and the
/// state it produced (the movement for movement acts, the requests it sent or answered).</summary>
internal sealed record ActReceiptDto(long Index, bool Duplicate, string Kind, string Subject, MovementDto? Movement, IReadOnlyList<RequestDto> Requests);
