using System.Text.Json;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Declare.Text;
using Deconflict.Detect;
using Deconflict.Server.Ports;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Detection;

/// <summary>The server's conflict port over Core's <see cref="ConflictIndex"/>, with rules from the arrangement in force.</summary>
/// <remarks>Not thread-safe: used under the write path's lock (and the state's gate for reads).</remarks>
internal sealed class EngineConflictDetector : IConflictDetector
{
    private ConflictIndex _index = new(ConflictRules.Default);

    /// <summary>Rebuilds the index under the rules of <paramref name="arrangement"/> (separations and coalitions).</summary>
    public void Use(ArrangementTerms arrangement)
    {
        ArgumentNullException.ThrowIfNull(arrangement);
        var previous = _index;
        _index = new ConflictIndex(RulesOf(arrangement));
        foreach (var id in _ids)
        {
            _index.Insert(previous.Find(id)!);
        }
    }

    /// <summary>The engine's rules under <paramref name="arrangement"/>: its separations by kind pair and its coalitions.</summary>
    public static ConflictRules RulesOf(ArrangementTerms arrangement)
    {
        ArgumentNullException.ThrowIfNull(arrangement);
        var rules = ConflictRules.Default;
        foreach (var (pair, separation) in arrangement.Separations)
        {
            rules = rules.WithSeparation(KindOf(pair.First), KindOf(pair.Second), separation);
        }

        foreach (var coalition in arrangement.Coalitions)
        {
            rules = rules.WithCoalition(coalition);
        }

        return rules;
    }

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public DeclaredMovement Read(JsonElement feature, string fieldPrefix)
    {
        var result = MovementReader.ReadFeature(feature);
        if (!result.Success)
        {
            var e = result.Error!;
            throw new ActException(e.Code.StartsWith("movement.", StringComparison.Ordinal) ? e.Code : "movement.invalid", e.Detail, e.Field is null ? fieldPrefix : $"{fieldPrefix}.{e.Field}");
        }

        var movement = result.Value;
        return new DeclaredMovement(movement.Id, movement.Party, movement.Kind.ToString().ToLowerInvariant(), movement.Span, feature.Clone(), movement);
    }

    public void Put(DeclaredMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        _index.Amend((Movement)movement.Engine);
        _ids.Add(movement.Id);
    }

    public void Remove(string movementId)
    {
        _index.Remove(movementId);
        _ids.Remove(movementId);
    }

    public IReadOnlyList<DetectedConflict> Conflicts(DeclaredMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return [.. _index.Query((Movement)movement.Engine).Select(c => new DetectedConflict(
            c.A, c.B, _index.Find(c.B)!.Party, c.Start, c.End, c.MinSeparationMetres, c.Point.Longitude, c.Point.Latitude,
            c.PiecesOfA, c.PiecesOfB))];
    }

    private static MovementKind KindOf(string kind) => Enum.Parse<MovementKind>(kind, ignoreCase: true);
}
