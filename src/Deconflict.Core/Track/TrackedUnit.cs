using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Track;

/// <summary>What the tracker knows about one unit.</summary>
/// <param name="Unit">The unit's id, as registered.</param>
/// <param name="Party">Its party.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Position">The last reported position, or <see langword="null"/> before the first report.</param>
/// <param name="Time">The time of that report, or <see langword="null"/>.</param>
/// <param name="EastMetresPerSecond">The smoothed velocity's east component, in metres per second; 0 until two reports.</param>
/// <param name="NorthMetresPerSecond">The smoothed velocity's north component, in metres per second; 0 until two reports.</param>
/// <param name="IsStale">Whether the last <see cref="Tracker.Sweep"/> found the track stale.</param>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly record struct TrackedUnit(
    string Unit, PartyId Party, UnitKind Kind, Wgs84? Position, DateTimeOffset? Time,
    double EastMetresPerSecond, double NorthMetresPerSecond, bool IsStale);
