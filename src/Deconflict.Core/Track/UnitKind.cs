namespace Deconflict.Track;

/// <summary>What kind of unit a track belongs to; proximity thresholds are set per unordered pair of kinds.</summary>
public enum UnitKind
{
    /// <summary>A vehicle or team on the ground.</summary>
    Ground = 0,

    /// <summary>An aircraft, crewed or not.</summary>
    Air = 1,

    /// <summary>A unit that should not move (a checkpoint, a battery position).</summary>
    Static = 2,
}
