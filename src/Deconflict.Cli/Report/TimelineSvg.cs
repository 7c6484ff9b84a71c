using System.Globalization;
using System.Text;
using Deconflict.Adjudicate;

namespace Deconflict.Cli.Report;

/// <summary>The timeline chart as inline SVG: one row per party (and one for the operator), a mark per ledger entry at
/// its time, the incident window shaded, and the findings as red flags.</summary>
internal static class TimelineSvg
{
    private const double Width = 900;
    private const double Left = 90;
    private const double Row = 34;

    public static string Write(Adjudication a, IReadOnlyList<string> parties, IReadOnlyDictionary<string, string> colour)
    {
        var rows = parties.Append("operator").ToList();
        var height = (Row * (rows.Count + 1)) + 30;
        var items = a.Timeline.Where(i => i.Time >= a.Incident.Scope.Start && i.Time <= a.Incident.Scope.End).ToList();
        var from = a.Incident.Scope.Start;
        var span = (a.Incident.Scope.End - from).TotalSeconds;
        double X(DateTimeOffset t) => Left + ((Width - Left - 20) * (t - from).TotalSeconds / span);
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">\n"));
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{X(a.Incident.Window.Start):0.#}\" y=\"0\" width=\"{X(a.Incident.Window.End) - X(a.Incident.Window.Start):0.#}\" height=\"{height - 30}\" fill=\"#d62728\" fill-opacity=\"0.07\"/>\n");
        for (var r = 0; r < rows.Count; r++)
        {
            var y = Row * (r + 1);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{y + 4}\" font-size=\"12\">{ReportWriter.E(rows[r])}</text><line x1=\"{Left}\" x2=\"{Width - 20}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ddd\"/>\n");
        }

        for (var t = from.AddMinutes(30 - (from.Minute % 30)).AddSeconds(-from.Second); t <= a.Incident.Scope.End; t = t.AddMinutes(30))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(t):0.#}\" y=\"{height - 10}\" font-size=\"10\" text-anchor=\"middle\">{t.UtcDateTime:HH:mm}</text><line x1=\"{X(t):0.#}\" x2=\"{X(t):0.#}\" y1=\"12\" y2=\"{height - 24}\" stroke=\"#eee\"/>\n");
        }

        foreach (var item in items)
        {
            var row = rows.IndexOf(item.Party);
            var y = Row * ((row < 0 ? rows.Count - 1 : row) + 1);
            var c = colour.TryGetValue(item.Party, out var pc) ? pc : "#555";
            var shape = item.Kind.StartsWith("track.", StringComparison.Ordinal)
                ? $"<rect id=\"entry-{item.Index}\" x=\"{X(item.Time) - 1.5:0.#}\" y=\"{y - 5}\" width=\"3\" height=\"10\" fill=\"{c}\" fill-opacity=\"0.5\">"
                : $"<circle id=\"entry-{item.Index}\" cx=\"{X(item.Time):0.#}\" cy=\"{y}\" r=\"5\" fill=\"{c}\" stroke=\"#fff\">";
            var close = item.Kind.StartsWith("track.", StringComparison.Ordinal) ? "</rect>" : "</circle>";
            svg.Append(CultureInfo.InvariantCulture, $"{shape}<title>{ReportWriter.E($"#{item.Index} {ReportWriter.Iso(item.Time)} {item.Party} {item.Kind}: {item.Summary}")}</title>{close}\n");
        }

        foreach (var f in a.Findings.Where(f => f.At >= from && f.At <= a.Incident.Scope.End))
        {
            var y = Row * (rows.IndexOf(f.Party) + 1);
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"finding-flag\" d=\"M{X(f.At):0.#},{y - 6} l0,-12 l8,4 l-8,4\" fill=\"#d62728\" stroke=\"#d62728\"><title>{ReportWriter.E($"{f.Party} {f.Rule}: {f.Text}")}</title></path>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }
}
