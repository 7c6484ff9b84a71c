using Deconflict.Adjudicate;
using static Deconflict.Tests.Adjudicate.LedgerScript;

namespace Deconflict.Tests.Adjudicate;

public sealed class AdjudicationJsonTests
{
    [Fact]
    public void WriteText_OneFindingOneFact_ExactDocument()
    {
        var s = new LedgerScript();
        s.Declare("rus", At(-5), "rus-convoy-1", [(42.10, 37.17, 0), (42.16, 37.17, 60)], ["rus-btr-1"]);
        s.Hotline("usa", At(50), "rus", "call");

        var json = AdjudicationJson.WriteText(Adjudicator.Run(Terms(), s.Acts, Incident()));

        Assert.Equal("""
            {
              "incident": {
                "id": "inc-1",
                "center": [
                  42.13,
                  37.16
                ],
                "radiusM": 3000,
                "start": "2020-08-25T07:00:00.000Z",
                "end": "2020-08-25T08:00:00.000Z",
                "spaceMarginM": 2000,
                "timeMarginS": 3600
              },
              "findings": [
                {
                  "party": "rus",
                  "rule": "notice",
                  "at": "2020-08-25T06:55:00.000Z",
                  "text": "declared rus-convoy-1 at 2020-08-25T06:55:00.000Z, 5 min before its start at 2020-08-25T07:00:00.000Z; the arrangement asks 60 min",
                  "entries": [
                    0
                  ]
                }
              ],
              "compliant": [
                {
                  "party": "usa",
                  "rule": "hotline",
                  "at": "2020-08-25T07:50:00.000Z",
                  "text": "called rus on the hotline at 2020-08-25T07:50:00.000Z: call",
                  "entries": [
                    1
                  ]
                }
              ]
            }
            """.ReplaceLineEndings("\n"), json.ReplaceLineEndings("\n"));
    }
}
