using System.Text.Json;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Merkle;

/// <summary>The transparency-dev/merkle test vectors in /work/shared/vectors/merkle (see its README).</summary>
internal static class MerkleVectors
{
    public static string Root => Vectors.PathOf("merkle");

    public static IEnumerable<string> Files(string kind)
    {
        string dir = Path.Combine(Root, kind);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"Merkle vectors not found at {dir}; set DECONFLICT_VECTORS to the shared vectors folder");
        }

        return Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path))
            .Order(StringComparer.Ordinal);
    }

    public static JsonElement Read(string relativePath) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, relativePath))).RootElement;

    public static byte[] Bytes(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(element.GetString()!);

    public static byte[][] Hashes(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : [.. element.EnumerateArray().Select(Bytes)];
}
