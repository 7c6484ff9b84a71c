namespace Deconflict.Cli.Witness;

/// <summary>The server showed a checkpoint the witness must not cosign: it does not extend the one the witness last
/// vouched for (a fork or a rollback of history), its proof does not verify, or the operator did not sign it.</summary>
/// <remarks>This is the alarm a witness exists to raise: the party should stop trusting the deployment's ledger and
/// keep the state file and the offending checkpoint as evidence.</remarks>
internal sealed class WitnessRefusal(string message) : Exception(message);
