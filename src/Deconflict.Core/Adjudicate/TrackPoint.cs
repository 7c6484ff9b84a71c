using Deconflict.Geo;

namespace Deconflict.Adjudicate;

/// <summary>One recorded position report of a unit.</summary>
/// <param name="Index">The ledger entry that carries it.</param>
/// <param name="Party">The unit's party.</param>
/// <param name="Unit">The unit id.</param>
/// <param name="Time">When the unit was there.</param>
/// <param name="Position">Where.</param>
/// <param name="AltitudeMetres">Altitude in metres.</param>
/// <param name="Signed">True if the party signed it (<c>track.batch</c>), false if the operator attested it (<c>track.attested</c>).</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record TrackPoint(long Index, string Party, string Unit, DateTimeOffset Time, Wgs84 Position, double AltitudeMetres, bool Signed);
