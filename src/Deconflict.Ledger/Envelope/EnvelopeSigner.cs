using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Envelope;

/// <summary>Signs envelopes: Ed25519 over <c>"deconflict/v1\n"</c> followed by the RFC 8785 canonical envelope.</summary>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class EnvelopeSigner
{
    /// <summary>Signs <paramref name="envelope"/> with the party's key.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The key's name is not the envelope's party.</exception>
    public static SignedEnvelope Sign(SignerKey key, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(envelope);
        if (!string.Equals(key.Name, envelope.Party, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The key '{key.Name}' cannot sign for the party '{envelope.Party}'", nameof(key));
        }

        var signedBytes = SignedEnvelope.ComputeSignedBytes(envelope);
        return new SignedEnvelope(envelope, key.Sign(signedBytes), signedBytes);
    }
}
