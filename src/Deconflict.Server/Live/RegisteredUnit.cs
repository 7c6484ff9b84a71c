using Deconflict.Declare;
using Deconflict.Track;

namespace Deconflict.Server.Live;

/// <summary>A unit a party registered by <c>unit.register</c>: its id, the CoT uid its device reports with, its kind, and
/// the movement it is to follow (whose cleared route is its corridor), if any.</summary>
/// <threadsafety>This type is immutable.</threadsafety>
internal sealed record RegisteredUnit(string Id, PartyId Party, string CotUid, UnitKind Kind, string? MovementId)
{
    /// <summary>The unit kind a wire name (<c>ground</c>, <c>air</c>, <c>static</c>) stands for; null for any other.</summary>
    public static UnitKind? KindOf(string kind) => kind switch
    {
        "ground" => UnitKind.Ground,
        "air" => UnitKind.Air,
        "static" => UnitKind.Static,
        _ => null,
    };
}
