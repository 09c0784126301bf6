using System.Runtime.InteropServices;

namespace Modgate.Enforcement.Lock;

// C# mirrors of bpf/modgate_lock.h, field for field; LockLayoutTests compiles the header with gcc and checks them.

/// <summary>Numbers of modgate_lock.h.</summary>
public static class LockConstants
{
    public const int MaxIds = 256;
    public const int MaxInodes = 256;
    /// <summary>Mounts above the pins' bpffs that sb_umount walks (the program's bound; user space only mirrors it).</summary>
    public const int MaxMountDepth = 64;
    public const uint KindProg = 1;
    public const uint KindMap = 2;
    public const uint KindLink = 3;
    public const uint KindHook = 4;
    public const uint Locked = 0x1;
    public const uint ModulesDisabled = 0x2;
    public const byte InodeKeep = 0x1;
    public const byte InodeSealed = 0x2;
    public const byte InodeReadOnly = 0x4;
    public const byte NoDescriptor = 1;
    public const byte ReadOnlyDescriptor = 2;
}

/// <summary>Key of mg_lock_ids: a kernel object whose new descriptors are refused once locked.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MgLockId
{
    public uint Kind;
    public uint Id;
}

/// <summary>mg_lock_state[0].</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MgLockState
{
    public uint Flags;
    public uint BpffsDev;
    public ulong LockedAt;
    public uint Generation;
    public uint Reserved;
}
