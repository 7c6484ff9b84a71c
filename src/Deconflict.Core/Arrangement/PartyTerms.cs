using Deconflict.Declare;
using Deconflict.Internal;

namespace Deconflict.Arrangement;

/// <summary>A party named in the arrangement, with the C2SP verifier key (<c>name+hash+base64</c>) that checks its signatures.</summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class PartyTerms
{
    /// <summary>Creates the terms of one party.</summary>
    /// <exception cref="ArgumentException"><paramref name="verifierKey"/> is empty.</exception>
    public PartyTerms(PartyId id, string verifierKey)
    {
        Id = id;
        VerifierKey = Guard.NotEmpty(verifierKey);
    }

    /// <summary>The party.</summary>
    public PartyId Id { get; }

    /// <summary>The party's verifier key in C2SP signed-note form; its key name is the party name.</summary>
    public string VerifierKey { get; }
}
