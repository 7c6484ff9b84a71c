using System.Globalization;
using System.Net;
using System.Text;
using Deconflict.Adjudicate;
using Deconflict.Ledger.Evidence;

namespace Deconflict.Cli.Report;

/// <summary>Writes the incident report: one self-contained HTML page (inline CSS, SVG and script, nothing fetched) with a
/// map of tracks and corridors, a timeline chart, the findings and compliant facts, and the keys' fingerprints.</summary>
internal static class ReportWriter
{
    private static readonly string[] Palette = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e", "#8c564b"];

    public static string Write(string title, Adjudication a, VerifiedEvidence evidence)
    {
        var parties = a.Findings.Concat(a.Compliance).Select(f => f.Party).Concat(a.Points.Select(p => p.Party)).Concat(a.Movements.Select(m => m.Party.Name))
            .Concat(evidence.PartyKeys.Select(k => k.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
        var colour = parties.Select((p, i) => (p, Palette[i % Palette.Length])).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal);
        var legend = string.Concat(parties.Select(p => $"<span style=\"color:{colour[p]}\">■ {E(p)}</span>"));
        var cosigners = E(string.Join(", ", evidence.Checkpoint.Cosignatures.Select(c => c.Key.Name)));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}}</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222} h1{font-size:20px} h2{font-size:16px;margin-top:28px}
            table{border-collapse:collapse;width:100%} td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
            th{background:#f3f3f3} .breach td:first-child{border-left:4px solid #d62728} .ok td:first-child{border-left:4px solid #2ca02c}
            svg{background:#fbfbf8;border:1px solid #ccc} .legend span{display:inline-block;margin-right:14px} .hl{stroke:#000!important;stroke-width:3!important}
            tr.sel{background:#fff6cc} @media print{body{margin:8mm} h2{break-after:avoid} svg{max-width:100%} }
            </style></head><body>
            <h1>{{E(title)}}</h1>
            <p>Incident <b>{{E(a.Incident.Id)}}</b>: within {{a.Incident.Radius.Metres:0}} m of {{a.Incident.Centre.Latitude:0.0000}}° N {{a.Incident.Centre.Longitude:0.0000}}° E,
            {{Iso(a.Incident.Window.Start)}} to {{Iso(a.Incident.Window.End)}} (examined with {{a.Incident.SpaceMargin.Metres:0}} m and {{a.Incident.TimeMargin.TotalMinutes:0}} min margins).
            Ledger checkpoint <code>{{E(evidence.Checkpoint.Checkpoint.Origin)}}</code> size {{evidence.Checkpoint.Checkpoint.Size}}, signed by the log and cosigned by {{cosigners}}.
            {{a.Findings.Count}} finding(s), {{a.Compliance.Count}} compliant fact(s), {{a.Timeline.Count}} entries in the timeline.</p>
            <p class="legend">{{legend}}</p>
            """);
        html.Append("<h2>Map: tracks and declared corridors</h2>\n");
        html.Append(MapSvg.Write(a, colour));
        html.Append("<h2>Timeline</h2>\n");
        html.Append(TimelineSvg.Write(a, parties, colour));
        html.Append("<h2>Findings</h2>\n");
        html.Append(Table("findings", a.Findings, "breach"));
        html.Append("<h2>Compliant facts</h2>\n");
        html.Append(Table("compliant", a.Compliance, "ok"));
        html.Append("<h2>Keys</h2>\n<table><tr><th>key</th><th>fingerprint (SHA-256 of the vkey)</th></tr>\n");
        foreach (var key in evidence.PartyKeys.Append(evidence.LogKey))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key.Name)}</td><td><code>{E(key.Fingerprint)}</code></td></tr>\n");
        }

        html.Append("""
            </table>
            <script>
            // Selecting a finding highlights the ledger entries it cites on the timeline.
            document.querySelectorAll('tr[data-entries]').forEach(function (row) {
              row.addEventListener('click', function () {
                document.querySelectorAll('tr.sel').forEach(function (r) { r.classList.remove('sel'); });
                document.querySelectorAll('.hl').forEach(function (m) { m.classList.remove('hl'); });
                row.classList.add('sel');
                row.getAttribute('data-entries').split(' ').forEach(function (i) {
                  var mark = document.getElementById('entry-' + i);
                  if (mark) { mark.classList.add('hl'); }
                });
              });
            });
            </script>
            </body></html>
            """);
        return html.ToString();
    }

    private static string Table(string id, IReadOnlyList<Finding> findings, string css)
    {
        var t = new StringBuilder($"<table id=\"{id}\"><tr><th>party</th><th>rule</th><th>at (UTC)</th><th>statement</th><th>entries</th><th>tracks</th></tr>\n");
        foreach (var f in findings)
        {
            t.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{css}\" data-entries=\"{string.Join(' ', f.Entries)}\"><td>{E(f.Party)}</td><td>{E(f.Rule)}</td><td>{Iso(f.At)}</td><td>{E(f.Text)}</td><td>{string.Join(", ", f.Entries)}</td><td>{E(f.Tracks ?? "")}</td></tr>\n");
        }

        if (findings.Count == 0)
        {
            t.Append("<tr><td colspan=\"6\">none</td></tr>\n");
        }

        return t.Append("</table>\n").ToString();
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
