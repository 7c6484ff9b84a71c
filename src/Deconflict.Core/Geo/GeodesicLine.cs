namespace Deconflict.Geo;

/// <summary>One geodesic between two positions, solved once (inverse) so that many positions along it cost one
/// direct solution each: how legs are cut into pieces in proportion to time.</summary>
internal readonly struct GeodesicLine
{
    private readonly Wgs84 _from;
    private readonly Wgs84 _to;
    private readonly double _metres;
    private readonly Geodesic.DirectSolver _solver;

    public GeodesicLine(Wgs84 from, Wgs84 to)
    {
        _from = from;
        _to = to;
        (_metres, var azimuthRadians) = Geodesic.Inverse(from, to);
        _solver = new Geodesic.DirectSolver(from, azimuthRadians);
    }

    /// <summary>The length of the geodesic in metres.</summary>
    public double Metres => _metres;

    /// <summary>The position a fraction in [0, 1] of the way along; the ends are returned exactly.</summary>
    public Wgs84 PointAt(double fraction) => fraction switch
    {
        <= 0 => _from,
        >= 1 => _to,
        _ => _metres == 0 ? _from : _solver.At(_metres * fraction),
    };
}
