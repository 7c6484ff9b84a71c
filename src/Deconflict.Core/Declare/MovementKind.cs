namespace Deconflict.Declare;

/// <summary>What a feature is: the <c>kind</c> property of the movement file format.</summary>
public enum MovementKind
{
    /// <summary>A ground movement: a route of timed waypoints (<c>ground</c>).</summary>
    Ground,

    /// <summary>An air movement: a route of timed waypoints within an altitude band (<c>air</c>).</summary>
    Air,

    /// <summary>A static site: one point over a validity window (<c>static</c>).</summary>
    Static,

    /// <summary>A reserved or restricted area: a polygon over a validity window (<c>zone</c>).</summary>
    Zone,
}
