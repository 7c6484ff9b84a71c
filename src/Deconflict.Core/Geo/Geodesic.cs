using System.Diagnostics.Contracts;

namespace Deconflict.Geo;

/// <summary>
/// Geodesics on the WGS 84 ellipsoid: the reference distance between two positions (the inverse problem) and
/// positions along a geodesic (the direct problem), by Vincenty's formulae (Survey Review 23(176), 1975).
/// </summary>
/// <remarks>
/// <para>Vincenty's iteration is accurate to about 0.5 mm on the ellipsoid. It does not converge for nearly
/// antipodal positions (more than about 19,900 km apart); such pairs are outside the domain of Deconflict (theatres
/// span hundreds of kilometres) and the last iterate is returned. This is the reference used to test
/// <see cref="ApproximateDistance"/>, and the way legs are interpolated in proportion to time (DESIGN.md).</para>
/// </remarks>
/// <threadsafety>All members are pure functions and are safe to call from any thread.</threadsafety>
public static class Geodesic
{
    private const int MaxIterations = 200;
    private const double Convergence = 1e-12;

    /// <summary>The geodesic distance between two positions.</summary>
    [Pure]
    public static Distance Between(Wgs84 from, Wgs84 to) => Distance.FromMetres(Inverse(from, to).Metres);

    /// <summary>The initial azimuth of the geodesic from <paramref name="from"/> to <paramref name="to"/>, in degrees
    /// clockwise from north in (−180, 180]; 0 when the positions coincide.</summary>
    [Pure]
    public static double InitialAzimuthDegrees(Wgs84 from, Wgs84 to) => Inverse(from, to).AzimuthRadians / Ellipsoid.DegreesToRadians;

    /// <summary>The position reached by following the geodesic from <paramref name="from"/> at
    /// <paramref name="azimuthDegrees"/> (clockwise from north) for <paramref name="distance"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="azimuthDegrees"/> is not finite.</exception>
    [Pure]
    public static Wgs84 Destination(Wgs84 from, double azimuthDegrees, Distance distance)
    {
        Internal.Guard.InRange(azimuthDegrees, -720, 720);
        return Direct(from, azimuthDegrees * Ellipsoid.DegreesToRadians, distance.Metres);
    }

    /// <summary>The position a <paramref name="fraction"/> of the way along the geodesic from <paramref name="from"/>
    /// to <paramref name="to"/> (0 gives <paramref name="from"/>, 1 gives <paramref name="to"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1].</exception>
    [Pure]
    public static Wgs84 Interpolate(Wgs84 from, Wgs84 to, double fraction)
    {
        Internal.Guard.InRange(fraction, 0, 1);
        return new GeodesicLine(from, to).PointAt(fraction);
    }

    /// <summary>Vincenty's inverse: the distance in metres and the initial azimuth in radians.</summary>
    internal static (double Metres, double AzimuthRadians) Inverse(Wgs84 from, Wgs84 to)
    {
        if (from == to)
        {
            return (0, 0);
        }

        const double f = Ellipsoid.F;
        var l = (to.Longitude - from.Longitude) * Ellipsoid.DegreesToRadians;
        var u1 = Math.Atan((1 - f) * Math.Tan(from.Latitude * Ellipsoid.DegreesToRadians));
        var u2 = Math.Atan((1 - f) * Math.Tan(to.Latitude * Ellipsoid.DegreesToRadians));
        var (sinU1, cosU1) = Math.SinCos(u1);
        var (sinU2, cosU2) = Math.SinCos(u2);

        double lambda = l, sinLambda, cosLambda, sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            (sinLambda, cosLambda) = Math.SinCos(lambda);
            var t1 = cosU2 * sinLambda;
            var t2 = (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda);
            sinSigma = Math.Sqrt((t1 * t1) + (t2 * t2));
            if (sinSigma == 0)
            {
                return (0, 0);
            }

            cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - (sinAlpha * sinAlpha);
            // On the equator cos²α = 0 and the term vanishes (Vincenty's §3 note).
            cos2SigmaM = cosSqAlpha != 0 ? cosSigma - (2 * sinU1 * sinU2 / cosSqAlpha) : 0;
            var c = f / 16 * cosSqAlpha * (4 + (f * (4 - (3 * cosSqAlpha))));
            var previous = lambda;
            lambda = l + ((1 - c) * f * sinAlpha * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < Convergence || ++iterations >= MaxIterations)
            {
                break;
            }
        }

        var uSq = cosSqAlpha * ((Ellipsoid.A * Ellipsoid.A) - (Ellipsoid.B * Ellipsoid.B)) / (Ellipsoid.B * Ellipsoid.B);
        var (bigA, bigB) = Coefficients(uSq);
        var deltaSigma = DeltaSigma(bigB, sinSigma, cosSigma, cos2SigmaM);
        var metres = Ellipsoid.B * bigA * (sigma - deltaSigma);
        var azimuth = Math.Atan2(cosU2 * sinLambda, (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda));
        return (metres, azimuth);
    }

    /// <summary>Vincenty's direct: the position at <paramref name="metres"/> along azimuth <paramref name="azimuthRadians"/>.</summary>
    internal static Wgs84 Direct(Wgs84 from, double azimuthRadians, double metres) =>
        metres == 0 ? from : new DirectSolver(from, azimuthRadians).At(metres);

    /// <summary>
    /// Vincenty's direct problem with the terms that depend only on the start and the azimuth computed once, so that
    /// many positions along one geodesic (the boundaries of a leg's pieces) cost only the σ iteration each.
    /// </summary>
    internal readonly struct DirectSolver
    {
        private readonly Wgs84 _from;
        private readonly double _sinAlpha1, _cosAlpha1, _sinU1, _cosU1, _sigma1, _sinAlpha, _cosSqAlpha, _bigA, _bigB;

        public DirectSolver(Wgs84 from, double azimuthRadians)
        {
            const double f = Ellipsoid.F;
            _from = from;
            (_sinAlpha1, _cosAlpha1) = Math.SinCos(azimuthRadians);
            var tanU1 = (1 - f) * Math.Tan(from.Latitude * Ellipsoid.DegreesToRadians);
            _cosU1 = 1 / Math.Sqrt(1 + (tanU1 * tanU1));
            _sinU1 = tanU1 * _cosU1;
            _sigma1 = Math.Atan2(tanU1, _cosAlpha1);
            _sinAlpha = _cosU1 * _sinAlpha1;
            _cosSqAlpha = 1 - (_sinAlpha * _sinAlpha);
            var uSq = _cosSqAlpha * ((Ellipsoid.A * Ellipsoid.A) - (Ellipsoid.B * Ellipsoid.B)) / (Ellipsoid.B * Ellipsoid.B);
            (_bigA, _bigB) = Coefficients(uSq);
        }

        public Wgs84 At(double metres)
        {
            const double f = Ellipsoid.F;
            var sigma = metres / (Ellipsoid.B * _bigA);
            double sinSigma, cosSigma, cos2SigmaM;
            var iterations = 0;
            while (true)
            {
                cos2SigmaM = Math.Cos((2 * _sigma1) + sigma);
                (sinSigma, cosSigma) = Math.SinCos(sigma);
                var previous = sigma;
                sigma = (metres / (Ellipsoid.B * _bigA)) + DeltaSigma(_bigB, sinSigma, cosSigma, cos2SigmaM);
                if (Math.Abs(sigma - previous) < Convergence || ++iterations >= MaxIterations)
                {
                    break;
                }
            }

            (sinSigma, cosSigma) = Math.SinCos(sigma);
            cos2SigmaM = Math.Cos((2 * _sigma1) + sigma);
            var x = (_sinU1 * sinSigma) - (_cosU1 * cosSigma * _cosAlpha1);
            var latitude = Math.Atan2((_sinU1 * cosSigma) + (_cosU1 * sinSigma * _cosAlpha1), (1 - f) * Math.Sqrt((_sinAlpha * _sinAlpha) + (x * x)));
            var lambda = Math.Atan2(sinSigma * _sinAlpha1, (_cosU1 * cosSigma) - (_sinU1 * sinSigma * _cosAlpha1));
            var c = f / 16 * _cosSqAlpha * (4 + (f * (4 - (3 * _cosSqAlpha))));
            var l = lambda - ((1 - c) * f * _sinAlpha * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            var longitude = _from.Longitude + (l / Ellipsoid.DegreesToRadians);
            longitude = longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
            return Wgs84.FromLonLatTrusted(longitude, Math.Clamp(latitude / Ellipsoid.DegreesToRadians, -90, 90));
        }
    }

    private static (double A, double B) Coefficients(double uSq) =>
        (1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq))))))),
         uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq)))))));

    private static double DeltaSigma(double b, double sinSigma, double cosSigma, double cos2SigmaM) =>
        b * sinSigma * (cos2SigmaM + (b / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
            - (b / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
}
