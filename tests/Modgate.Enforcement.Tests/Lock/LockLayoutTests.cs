using Modgate.Tests.Shared;
using System.Runtime.CompilerServices;
using Modgate.Enforcement.Lock;

namespace Modgate.Enforcement.Tests.Lock;

/// <summary>
/// The lock's C# mirrors must match bpf/modgate_lock.h: a C program compiled with gcc prints each figure, compared
/// with the C# one.
/// </summary>
public sealed class LockLayoutTests
{
    private delegate ref TField FieldOf<T, TField>(ref T value);

    private static long Offset<T, TField>(FieldOf<T, TField> field) where T : unmanaged
    {
        var value = default(T);
        return Unsafe.ByteOffset(ref Unsafe.As<T, byte>(ref value), ref Unsafe.As<TField, byte>(ref field(ref value)));
    }

    // (C expression, C# figure)
    private static readonly (string C, long CSharp)[] Figures =
    [
        ("sizeof(struct mg_lock_id)", Unsafe.SizeOf<MgLockId>()),
        ("offsetof(struct mg_lock_id, kind)", Offset((ref MgLockId k) => ref k.Kind)),
        ("offsetof(struct mg_lock_id, id)", Offset((ref MgLockId k) => ref k.Id)),
        ("sizeof(struct mg_lock_state)", Unsafe.SizeOf<MgLockState>()),
        ("offsetof(struct mg_lock_state, flags)", Offset((ref MgLockState s) => ref s.Flags)),
        ("offsetof(struct mg_lock_state, bpffs_dev)", Offset((ref MgLockState s) => ref s.BpffsDev)),
        ("offsetof(struct mg_lock_state, locked_at)", Offset((ref MgLockState s) => ref s.LockedAt)),
        ("offsetof(struct mg_lock_state, generation)", Offset((ref MgLockState s) => ref s.Generation)),
        ("MG_LOCK_MAX_IDS", LockConstants.MaxIds),
        ("MG_LOCK_MAX_INODES", LockConstants.MaxInodes),
        ("MG_LOCK_KIND_PROG", LockConstants.KindProg),
        ("MG_LOCK_KIND_MAP", LockConstants.KindMap),
        ("MG_LOCK_KIND_LINK", LockConstants.KindLink),
        ("MG_LOCK_KIND_HOOK", LockConstants.KindHook),
        ("MG_LOCK_MAX_MOUNT_DEPTH", LockConstants.MaxMountDepth),
        ("MG_LOCK_LOCKED", LockConstants.Locked),
        ("MG_LOCK_MODULES_DISABLED", LockConstants.ModulesDisabled),
        ("MG_LOCK_INODE_KEEP", LockConstants.InodeKeep),
        ("MG_LOCK_INODE_SEALED", LockConstants.InodeSealed),
        ("MG_LOCK_INODE_READ_ONLY", LockConstants.InodeReadOnly),
        ("MG_LOCK_NO_DESCRIPTOR", LockConstants.NoDescriptor),
        ("MG_LOCK_READ_ONLY", LockConstants.ReadOnlyDescriptor),
    ];

    private static readonly Lazy<string[]> CFigures = new(CompileAndRun);

    private static string Header => Path.Combine(RepositoryRoot.Path, "src", "Modgate.Bpf", "bpf", "modgate_lock.h");

    private static string[] CompileAndRun()
    {
        var header = Header;
        var dir = Directory.CreateTempSubdirectory("modgate-lock-layout-");
        try
        {
            var lines = Figures.Select(f => $"printf(\"%lld\\n\", (long long)({f.C}));");
            var c = Path.Combine(dir.FullName, "layout.c");
            var exe = Path.Combine(dir.FullName, "layout");
            File.WriteAllText(c, "#include <stdio.h>\n#include <stddef.h>\n#include \"" + header + "\"\nint main(void) {\n" +
                                 string.Join('\n', lines) + "\nreturn 0; }\n");
            NativeProbe.Run("gcc", $"-Wall -Werror -o {exe} {c}");
            return NativeProbe.Run(exe, "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static TheoryData<int, string> Indexes()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Figures.Length; i++) data.Add(i, Figures[i].C);
        return data;
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void CSharp_figure_equals_the_C_one(int index, string expression)
    {
        Assert.True(long.Parse(CFigures.Value[index]) == Figures[index].CSharp,
            $"{expression}: C says {CFigures.Value[index]}, C# says {Figures[index].CSharp}");
    }

    /// <summary>A number added to the header without a mirror would be restated as a literal somewhere: every
    /// <c>#define MG_*</c> of modgate_lock.h must be among the figures.</summary>
    [Fact]
    public void Every_number_of_the_C_header_has_a_mirror()
    {
        var defined = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Header), @"^\s*#define\s+(MG_\w+)\s",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value);
        Assert.Empty(defined.Except(Figures.Select(f => f.C)).Order());
    }
}
