namespace Deconflict.Cli.Witness;

/// <summary>What one <see cref="LedgerWitness.ObserveAsync"/> did.</summary>
internal enum WitnessAction
{
    /// <summary>The operator has signed no checkpoint yet.</summary>
    NoCheckpointYet,

    /// <summary>The latest checkpoint carries this party's cosignature already.</summary>
    AlreadyCosigned,

    /// <summary>The latest checkpoint was checked and cosigned.</summary>
    Cosigned,
}

/// <summary>What a witness did, and the tree size of the checkpoint concerned (0 when there was none).</summary>
internal readonly record struct WitnessOutcome(WitnessAction Action, long Size);
