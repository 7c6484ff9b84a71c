using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Server.Ports;

/// <summary>The conflict engine as the server uses it: read a movement feature, index it, find its conflicts.</summary>
internal interface IConflictDetector
{
    /// <summary>Applies the separations and coalitions of the arrangement in force (re-indexing what is held).</summary>
    void Use(Deconflict.Arrangement.ArrangementTerms arrangement);

    /// <summary>Reads a GeoJSON movement feature.</summary>
    /// <exception cref="Problems.ActException"><c>movement.invalid</c> naming the field path at fault.</exception>
    DeclaredMovement Read(JsonElement feature, string fieldPrefix);

    /// <summary>Adds or replaces a movement in the index.</summary>
    void Put(DeclaredMovement movement);

    /// <summary>Removes a movement from the index, if present.</summary>
    void Remove(string movementId);

    /// <summary>The conflicts of <paramref name="movement"/> with indexed movements of other, non-allied parties.</summary>
    IReadOnlyList<DetectedConflict> Conflicts(DeclaredMovement movement);
}

/// <summary>A movement read from its feature: id, party, kind, window, and the engine's own form.</summary>
internal sealed record DeclaredMovement(string Id, PartyId Party, string Kind, TimeWindow Window, JsonElement Feature, object Engine);

/// <summary>One conflict of a movement with another party's movement, with the conflicting pieces of both.</summary>
internal sealed record DetectedConflict(
    string MovementId, string OtherMovementId, PartyId OtherParty, DateTimeOffset Start, DateTimeOffset End,
    double MinSeparationM, double Lon, double Lat, IReadOnlyList<Deconflict.Detect.Piece> Pieces, IReadOnlyList<Deconflict.Detect.Piece> OtherPieces);
