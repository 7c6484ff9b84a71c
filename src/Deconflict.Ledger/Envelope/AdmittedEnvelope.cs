namespace Deconflict.Ledger.Envelope;

/// <summary>
/// A signed envelope that one ledger's admission has checked (size, known party, signature), or that the ledger's
/// operator key has just signed: <see cref="SignedLog.AppendAsync(AdmittedEnvelope, CancellationToken)"/> appends it
/// without checking the signature again. Only <see cref="SignedLog.Admit"/> and <see cref="SignedLog.SignAsOperator"/>
/// make one, so holding one proves the check was done.
/// </summary>
/// <remarks>The per-party <c>seq</c> is not part of this check: it is checked when the envelope is appended, in log order.</remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class AdmittedEnvelope
{
    internal AdmittedEnvelope(SignedEnvelope signed, EnvelopeAdmission admission)
    {
        Signed = signed;
        Admission = admission;
    }

    /// <summary>The signed envelope.</summary>
    public SignedEnvelope Signed { get; }

    // The admission that checked it: another ledger, with other parties, must not take it unchecked.
    internal EnvelopeAdmission Admission { get; }
}
