using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Envelope;

/// <summary>
/// The parties whose envelopes a ledger accepts: party name → Ed25519 verifier key. Parties can be added while the
/// ledger runs (the server registers them from the signed arrangement); a party's key never changes once added.
/// </summary>
/// <threadsafety>All members are safe to call concurrently.</threadsafety>
public sealed class PartyKeyring
{
    private readonly ConcurrentDictionary<string, VerifierKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Creates a keyring holding <paramref name="keys"/> (none if null).</summary>
    /// <exception cref="ArgumentException">Two keys share a name, or a key is not an Ed25519 (type 0x01) key.</exception>
    public PartyKeyring(IEnumerable<VerifierKey>? keys = null)
    {
        foreach (var key in keys ?? [])
        {
            Add(key);
        }
    }

    /// <summary>The number of parties.</summary>
    public int Count => _keys.Count;

    /// <summary>The registered keys, in no particular order (a snapshot).</summary>
    public IReadOnlyCollection<VerifierKey> Keys => [.. _keys.Values];

    /// <summary>Registers a party's key; adding the same key again does nothing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException">The key is not type 0x01, or the party already has a different key.</exception>
    public void Add(VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != KeyType.Ed25519)
        {
            throw new ArgumentException($"A party key should be an Ed25519 (0x01) key; '{key.Name}' is {key.Type}", nameof(key));
        }

        var stored = _keys.GetOrAdd(key.Name, key);
        if (!stored.Equals(key))
        {
            throw new ArgumentException($"The party '{key.Name}' already has a different key ({stored.KeyId:x8})", nameof(key));
        }
    }

    /// <summary>Looks up a party's key.</summary>
    public bool TryGet(string party, [MaybeNullWhen(false)] out VerifierKey key) => _keys.TryGetValue(party, out key);
}
