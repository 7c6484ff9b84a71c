using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Deconflict.Tests.Conventions;

/// <summary>Convention 2: the domain core performs no I/O and reads no ambient clock or randomness.</summary>
public sealed class CoreIsFreeOfIoTests
{
    private static readonly Assembly Core = typeof(Deconflict.Internal.Guard).Assembly;

    // Namespaces and members whose use means touching the world outside the process's memory.
    private static readonly string[] ForbiddenTypePrefixes =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.IO.Pipes", "System.Net.", "System.Data.", "Microsoft.Data.", "Npgsql", "System.Diagnostics.Process",
        "System.Console", "System.Threading.Thread",
    ];

    [Fact]
    public void CoreAssembly_ReferencesNoIoAssemblies()
    {
        var names = Core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(names, n => n.StartsWith("System.Net", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.Data", StringComparison.Ordinal)
            || n.StartsWith("Npgsql", StringComparison.Ordinal)
            || n == "System.Console" || n == "System.IO.FileSystem" || n == "System.Diagnostics.Process");
    }

    [Fact]
    public void CoreAssembly_UsesNoIoTypesClockOrUnseededRandom()
    {
        using var stream = File.OpenRead(Core.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var offenders = new List<string>();
        foreach (var handle in md.TypeReferences)
        {
            var type = md.GetTypeReference(handle);
            var full = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
            if (ForbiddenTypePrefixes.Any(p => full.StartsWith(p, StringComparison.Ordinal)))
            {
                offenders.Add(full);
            }
        }

        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            var name = md.GetString(member.Name);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var parent = md.GetTypeReference((TypeReferenceHandle)member.Parent);
            var parentName = md.GetString(parent.Namespace) + "." + md.GetString(parent.Name);
            if ((parentName is "System.DateTime" or "System.DateTimeOffset" && name is "get_UtcNow" or "get_Now")
                || (parentName == "System.Random" && name == "get_Shared")
                // Compiler-generated iterators read CurrentManagedThreadId; everything else on Environment is the world outside.
                || (parentName == "System.Environment" && name != "get_CurrentManagedThreadId")
                || (parentName == "System.Random" && name == ".ctor" && member.DecodeMethodSignature(new ParameterCounter(), null).ParameterTypes.Length == 0))
            {
                offenders.Add(parentName + "::" + name);
            }
        }

        Assert.Empty(offenders);
    }

    private sealed class ParameterCounter : ISignatureTypeProvider<int, object?>
    {
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetGenericInstantiation(int genericType, System.Collections.Immutable.ImmutableArray<int> typeArguments) => 0;
        public int GetGenericMethodParameter(object? genericContext, int index) => 0;
        public int GetGenericTypeParameter(object? genericContext, int index) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public int GetSZArrayType(int elementType) => 0;
        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
    }
}
