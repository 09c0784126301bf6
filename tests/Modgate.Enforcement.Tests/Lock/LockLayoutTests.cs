using Modgate.Tests.Shared;
using System.Runtime.CompilerServices;
using Modgate.Enforcement.Lock;
using static Modgate.Tests.Shared.NativeProbe;

namespace Modgate.Enforcement.Tests.Lock;

/// <summary>
/// The lock's C# mirrors must match bpf/modgate_lock.h: a C program compiled with gcc prints each figure, compared
/// with the C# one.
/// </summary>
public sealed class LockLayoutTests
{
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

    private static string Header => Path.Combine(RepositoryRoot.Path, "src", "Modgate.Bpf", "bpf", "modgate_lock.h");

    private static readonly Lazy<IReadOnlyDictionary<string, long>> CFigures =
        new(() => NativeProbe.CFigures([Header], Figures.Select(f => f.C)));

    public static TheoryData<string, long> Expressions() => NativeProbe.Cases(Figures);

    [Theory]
    [MemberData(nameof(Expressions))]
    public void CSharp_figure_equals_the_C_one(string expression, long csharp) =>
        Assert.Equal(CFigures.Value[expression], csharp);

    /// <summary>A number added to the header without a mirror would be restated as a literal somewhere: every
    /// <c>#define MG_*</c> of modgate_lock.h must be among the figures.</summary>
    [Fact]
    public void Every_number_of_the_C_header_has_a_mirror() =>
        Assert.Empty(NativeProbe.DefinedNumbers(Header).Except(Figures.Select(f => f.C)).Order());
}
