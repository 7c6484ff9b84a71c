using System.Text.Json;

namespace Deconflict.Ledger.Tests.Merkle;

/// <summary>The transparency-dev/merkle test vectors in /work/shared/vectors/merkle (see its README).</summary>
internal static class MerkleVectors
{
    public static string Root { get; } = FindRoot();

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

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("DECONFLICT_VECTORS") is { Length: > 0 } configured)
        {
            return Path.Combine(configured, "merkle");
        }

        // The shared vectors sit beside the repository (../shared/vectors) or inside it (vectors/).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { "shared/vectors/merkle", "vectors/merkle" })
            {
                string path = Path.Combine(dir.FullName, candidate);
                if (Directory.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new DirectoryNotFoundException("Merkle vectors not found above the test binaries; set DECONFLICT_VECTORS to the shared vectors folder");
    }

    public static JsonElement Read(string relativePath) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, relativePath))).RootElement;

    public static byte[] Bytes(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(element.GetString()!);

    public static byte[][] Hashes(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : [.. element.EnumerateArray().Select(Bytes)];
}
