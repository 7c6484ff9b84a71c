using CsCheck;
using Deconflict.Detect;
using Deconflict.Tests.Reference;

namespace Deconflict.Tests.Detect;

/// <summary>The engine against the brute-force reference of DESIGN.md's definition, on random small theatres.</summary>
public sealed class ConflictIndexReferenceTests
{
    [Fact]
    public void Query_RandomSmallTheatres_AgreesWithReference()
    {
        long compared = 0, conflicts = 0;
        SmallTheatres.Gen.Sample(theatre =>
        {
            var index = new ConflictIndex(theatre.Rules);
            foreach (var m in theatre.Movements)
            {
                index.Insert(m);
            }

            foreach (var a in theatre.Movements)
            {
                var found = index.Query(a).ToDictionary(c => c.B);
                foreach (var b in theatre.Movements.Where(b => b != a))
                {
                    var expected = ReferenceConflicts.Compare(a, b, theatre.Rules);
                    if (expected.Borderline)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref compared);
                    if (expected.Conflicts != found.TryGetValue(b.Id, out var conflict))
                    {
                        return false;
                    }

                    if (conflict is null)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref conflicts);
                    if (Math.Abs((conflict.Start - expected.Start).TotalMilliseconds) > 1 || Math.Abs((conflict.End - expected.End).TotalMilliseconds) > 1
                        || Math.Abs(conflict.MinSeparationMetres - expected.MinSeparationMetres) > ReferenceConflicts.Allowed(Math.Abs(expected.MinSeparationMetres) + a.HalfWidth.Metres + b.HalfWidth.Metres))
                    {
                        return false;
                    }
                }
            }

            return true;
        }, iter: 1000);

        // The comparison is only worth something if both outcomes were common.
        Assert.True(conflicts > compared / 10 && conflicts < compared * 9 / 10, $"{conflicts} conflicts of {compared} pairs compared");
    }
}
