using System.Globalization;
using System.Text;
using Deconflict.Adjudicate;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Cli.Report;

/// <summary>The map as inline SVG: an equirectangular projection scaled to metres at the incident's latitude, with the
/// declared corridors (their width to scale), the tracks, the incident area and a scale bar.</summary>
internal static class MapSvg
{
    private const double Width = 900;
    private const double Height = 560;

    public static string Write(Adjudication a, IReadOnlyDictionary<string, string> colour)
    {
        var centre = a.Incident.Centre;
        var reach = a.Incident.Radius.Metres * 1.6;
        var metresPerDegLat = 111_132.0;
        var metresPerDegLon = 111_320.0 * Math.Cos(centre.Latitude * Math.PI / 180);
        var scale = Math.Min(Width, Height) / (2 * reach); // pixels per metre
        (double X, double Y) P(Wgs84 p) => (
            (Width / 2) + ((p.Longitude - centre.Longitude) * metresPerDegLon * scale),
            (Height / 2) - ((p.Latitude - centre.Latitude) * metresPerDegLat * scale));
        string Path(IEnumerable<Wgs84> points) => string.Join(' ', points.Select((p, i) => { var (x, y) = P(p); return string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{x:0.#},{y:0.#}"); }));

        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg id=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">\n"));
        svg.Append("<defs><clipPath id=\"frame\"><rect width=\"900\" height=\"560\"/></clipPath></defs><g clip-path=\"url(#frame)\">\n");
        foreach (var m in a.Movements.Where(m => m.Kind is MovementKind.Ground or MovementKind.Air))
        {
            var c = colour[m.Party.Name];
            var d = Path(m.Waypoints.Select(w => w.Position));
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"corridor\" d=\"{d}\" stroke=\"{c}\" stroke-opacity=\"0.18\" stroke-width=\"{Math.Max(2, 2 * m.HalfWidth.Metres * scale):0.#}\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><title>{ReportWriter.E($"{m.Id} ({m.Party}): corridor ±{m.HalfWidth.Metres:0} m, {ReportWriter.Iso(m.Span.Start)} to {ReportWriter.Iso(m.Span.End)}")}</title></path>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" stroke=\"{c}\" stroke-dasharray=\"6 4\" stroke-width=\"1.2\" fill=\"none\"/>\n");
        }

        var (cx, cy) = P(centre);
        svg.Append(CultureInfo.InvariantCulture, $"<circle id=\"incident-area\" cx=\"{cx:0.#}\" cy=\"{cy:0.#}\" r=\"{a.Incident.Radius.Metres * scale:0.#}\" fill=\"none\" stroke=\"#d62728\" stroke-dasharray=\"2 3\"/>\n");
        foreach (var unit in a.Points.GroupBy(p => p.Unit).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var points = unit.OrderBy(p => p.Time).ToList();
            var c = colour[points[0].Party];
            var dash = points.All(p => p.Signed) ? "" : " stroke-dasharray=\"3 2\"";
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"track\" data-unit=\"{ReportWriter.E(unit.Key)}\" d=\"{Path(points.Select(p => p.Position))}\" stroke=\"{c}\" stroke-width=\"2.2\" fill=\"none\"{dash}><title>{ReportWriter.E(unit.Key)}</title></path>\n");
            foreach (var p in points)
            {
                var (x, y) = P(p.Position);
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"2\" fill=\"{c}\"><title>{ReportWriter.E($"{p.Unit} {ReportWriter.Iso(p.Time)} entry {p.Index} ({(p.Signed ? "signed" : "attested")})")}</title></circle>\n");
            }

            var (lx, ly) = P(points[^1].Position);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 5:0.#}\" y=\"{ly - 5:0.#}\" font-size=\"11\" fill=\"{c}\">{ReportWriter.E(unit.Key)}</text>\n");
        }

        var bar = 500 * scale;
        svg.Append(CultureInfo.InvariantCulture, $"</g><path d=\"M20,{Height - 20} h{bar:0.#}\" stroke=\"#222\" stroke-width=\"2\"/><text x=\"20\" y=\"{Height - 26}\" font-size=\"11\">500 m</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 20}\" y=\"24\" font-size=\"12\" text-anchor=\"end\">N ↑ · dashed track: attested · wide band: declared corridor</text>\n</svg>\n");
        return svg.ToString();
    }
}
