namespace Deconflict.Server.Tests.Cot;

/// <summary>The shared CoT test vectors (<c>../shared/vectors/cot</c> beside the repository; see its README).</summary>
internal static class CotVectors
{
    public static string Directory { get; } = Find();

    public static IEnumerable<string> XmlNames =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "xml"), "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> XmlTheory()
    {
        var data = new TheoryData<string>();
        foreach (var name in XmlNames)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Every sample, XML and proto, by path relative to the vectors directory.</summary>
    public static IEnumerable<string> AllFiles =>
        System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("README.md", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Directory, f))
            .Order(StringComparer.Ordinal);

    public static byte[] Xml(string name) => File.ReadAllBytes(Path.Combine(Directory, "xml", name));

    public static byte[] Proto(string name) => File.ReadAllBytes(Path.Combine(Directory, "proto", name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors", "cot");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The CoT vectors (shared/vectors/cot beside the repository) were not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
