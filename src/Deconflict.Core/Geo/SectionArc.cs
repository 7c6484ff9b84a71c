namespace Deconflict.Geo;

/// <summary>
/// Positions along a short geodesic in proportion to its length, in ECEF and without trigonometry per position: how
/// the engine cuts legs into pieces (DESIGN.md: positions interpolated along the geodesic in proportion to time).
/// </summary>
/// <remarks>
/// <para>Method: the curve is taken as the section of the ellipsoid by the plane through the chord P0P1 and the
/// ellipsoid's normal at the chord's midpoint, and that section as a circular arc of radius ρ, where ρ comes from the
/// section's own sagitta h at the midpoint (ρ = (h² + c²/4) / 2h for a chord of length c). The position a fraction τ
/// along is found on the chord at u = ρ sin((τ − ½)Θ) from the midpoint (sin(Θ/2) = c / 2ρ: equal arcs for equal
/// fractions), then moved along the normal onto the ellipsoid exactly (one quadratic). Per position: one sine and one
/// square root.</para>
/// <para>Error against Vincenty's direct solution at the same fraction of the geodesic (<see cref="Geodesic"/>),
/// measured by the property tests on random legs anywhere on the ellipsoid, poles included: under 1 mm for chords up
/// to <see cref="MaxChordMetres"/>. The normal section through the midpoint lies between the two reciprocal normal
/// sections, which are within millimetres of the geodesic at this length; the circle's stand-in for the section
/// moves positions along the chord by a fraction of ρ's relative variation (~10⁻⁴) of the arc-to-chord correction
/// (≤ 3 cm at 50 km). Longer chords must use <see cref="GeodesicLine"/>: <see cref="IsShort"/> says which.</para>
/// </remarks>
internal readonly struct SectionArc
{
    /// <summary>The longest chord, in metres, for which the method is used (and its error bound holds).</summary>
    public const double MaxChordMetres = 50_000;

    private readonly double _mx, _my, _mz;
    private readonly double _ex, _ey, _ez;
    private readonly double _nx, _ny, _nz;
    private readonly double _rho, _halfAngle, _halfChord;

    /// <summary>The arc from one ECEF surface position (metres) to another.</summary>
    public SectionArc(double x0, double y0, double z0, double x1, double y1, double z1)
    {
        (_mx, _my, _mz) = ((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
        double dx = x1 - x0, dy = y1 - y0, dz = z1 - z0;
        var chord = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
        _halfChord = chord / 2;
        if (chord == 0)
        {
            return;
        }

        (_ex, _ey, _ez) = (dx / chord, dy / chord, dz / chord);
        // The normal at the midpoint (gradient of x²/a² + y²/a² + z²/b²), made perpendicular to the chord.
        double nx = _mx / (Ellipsoid.A * Ellipsoid.A), ny = _my / (Ellipsoid.A * Ellipsoid.A), nz = _mz / (Ellipsoid.B * Ellipsoid.B);
        var along = (nx * _ex) + (ny * _ey) + (nz * _ez);
        (nx, ny, nz) = (nx - (along * _ex), ny - (along * _ey), nz - (along * _ez));
        var length = Math.Sqrt((nx * nx) + (ny * ny) + (nz * nz));
        (_nx, _ny, _nz) = (nx / length, ny / length, nz / length);
        var sagitta = Lift(_mx, _my, _mz);
        if (sagitta > 0)
        {
            _rho = ((sagitta * sagitta) + (_halfChord * _halfChord)) / (2 * sagitta);
            _halfAngle = Math.Asin(Math.Min(1, _halfChord / _rho));
        }
    }

    /// <summary>Whether the chord is short enough for the method (else use <see cref="GeodesicLine"/>).</summary>
    public bool IsShort => _halfChord <= MaxChordMetres / 2;

    /// <summary>The ECEF position (metres) a <paramref name="fraction"/> in [0, 1] of the way along.</summary>
    public (double X, double Y, double Z) At(double fraction)
    {
        if (_halfChord == 0)
        {
            return (_mx, _my, _mz);
        }

        var u = _halfAngle > 0 ? _rho * Math.Sin((fraction - 0.5) * 2 * _halfAngle) : (fraction - 0.5) * 2 * _halfChord;
        double x = _mx + (u * _ex), y = _my + (u * _ey), z = _mz + (u * _ez);
        var s = Lift(x, y, z);
        return (x + (s * _nx), y + (s * _ny), z + (s * _nz));
    }

    // How far along the normal direction a point (inside, near the surface) is from the ellipsoid: the positive root of
    // |q + s·d|² = 1 in coordinates scaled by the axes.
    private double Lift(double x, double y, double z)
    {
        const double ia = 1 / Ellipsoid.A, ib = 1 / Ellipsoid.B;
        double qx = x * ia, qy = y * ia, qz = z * ib, dx = _nx * ia, dy = _ny * ia, dz = _nz * ib;
        var a = (dx * dx) + (dy * dy) + (dz * dz);
        var b = (qx * dx) + (qy * dy) + (qz * dz);
        var c = (qx * qx) + (qy * qy) + (qz * qz) - 1;
        return (-c) / (b + Math.Sqrt((b * b) - (a * c)));
    }
}
