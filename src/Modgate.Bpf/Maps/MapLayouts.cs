using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Modgate.Bpf.Maps;

// C# mirrors of the structs of bpf/modgate.h, field for field. MapLayoutTests compiles modgate.h with gcc and
// checks every size and offset here against it: change both together.

/// <summary>Numbers of modgate.h: limits, flag bits and the prctl's encoding (value sets are the enums of KernelCodes.cs).</summary>
public static class MapConstants
{
    public const int StringLength = 58;
    public const int MaxCandidates = 62;
    public const int MaxRules = 16384;
    public const int MaxIndexEntries = 65536;
    public const int Slots = 2;
    public const int Verbs = 3;
    public const int Counters = 16;
    public const int Outcomes = 4;
    public const int CounterEventsDropped = 12;
    public const byte NoCapability = 0xff;
    public const byte RuleHasUid = 0x1;
    public const byte RuleHasCgroup = 0x2;
    public const uint ConfigUnloadByName = 0x1;
    public const uint ConfigLoadByName = 0x2;
    public const int MaxModuleFiles = 16384;
    public const int PrctlOption = 0x6d676174;
    public const int PrctlSetMode = 1;
    public const int PrctlGetModes = 2;
    public const int PrctlDecide = 3;
    public const int PrctlAllowDecide = 4;
    public const int PrctlAnswer = 2048;
    public const int PrctlPayloadLimit = 2048;
    public const int PrctlModeBits = 2;
    public const int PrctlPartShift = 8;
    public const int PrctlPartDecision = 0;
    public const int PrctlPartRuleLow = 1;
    public const int PrctlPartRuleHigh = 2;
    public const int PrctlRulePartBits = 10;
    public const int DecisionDeny = 0x1;
    public const int DecisionWouldDeny = 0x2;
    public const int DecisionLayerShift = 2;
    public const byte TaskOriginAutoload = 0x1;
    public const byte TaskMayDecide = 0x2;
    public const byte TaskRequesterUnknown = 0x4;
    public const int EventsSize = 1024 * 1024;
    public const int EventExeLength = 64;
}

/// <summary>The index tables (namespace byte of every key).</summary>
public enum IndexTable : byte
{
    Autoload = 1,
    Load = 2,
    Unload = 3,
    Grant = 4,
}

[InlineArray(MapConstants.StringLength)]
public struct KeyString
{
    private byte _first;

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, NUL-padded; the caller keeps it shorter than the field.</summary>
    public static KeyString From(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) >= MapConstants.StringLength)
            throw new ArgumentException($"'{text}' is longer than the kernel's {MapConstants.StringLength - 1}-byte limit", nameof(text));
        var value = new KeyString();
        Encoding.UTF8.GetBytes(text, value);
        return value;
    }
}

[StructLayout(LayoutKind.Sequential)]
public struct MgKey
{
    public byte Slot;
    public byte Table;
    public KeyString Str;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgLpmKey
{
    public uint PrefixLength;
    public MgKey Key;
    public ushort Pad;
}

[InlineArray(MapConstants.MaxCandidates)]
public struct CandidateIndexes
{
    private ushort _first;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgCandidates
{
    public uint Count;
    public CandidateIndexes Index;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgRule
{
    public byte Action;
    public byte Origin;
    public byte Capability;
    public byte Flags;
    public uint UidFirst;
    public uint UidLast;
    public uint RuleIndex;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgCgroupKey
{
    public byte Slot;
    public byte IsGrant;
    public ushort Index;
    public uint Pad;
    public ulong CgroupId;
}

/// <summary>Key of mg_module_files: a compressed module file's inode.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MgFileKey
{
    public ulong Dev;
    public ulong Ino;
}

/// <summary>Value of mg_module_files: the file's module name and its inode as indexed.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MgFileValue
{
    public KeyString Name;
    public ushort Pad0;
    public uint Pad1;
    public ulong Size;
    public long CtimeSec;
    public ulong CtimeNsec;
}

[InlineArray(3)]
public struct VerbModes
{
    private byte _first;
}

[InlineArray(64)]
public struct PathBytes
{
    private byte _first;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgConfig
{
    public VerbModes Mode;
    public byte DefaultVerdict;
    public byte Enforcement;
    public byte Pad0, Pad1, Pad2;
    public uint Generation;
    public uint Flags;
    public PathBytes ModprobePath;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgState
{
    public uint ActiveSlot;
    public uint Generation;
    public uint Reserved0;
    public uint Reserved1;
}

[StructLayout(LayoutKind.Sequential)]
public struct MgTask
{
    public VerbModes Mode;
    public byte Flags;
    public uint RequesterUid;
    public ulong RequesterCaps;
    public ulong RequesterCgroup;
}

[InlineArray(16)]
public struct CommBytes
{
    private byte _first;
}

[InlineArray(MapConstants.EventExeLength)]
public struct ExeBytes
{
    private byte _first;
}

/// <summary>One audit event of the ring buffer mg_events.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MgEvent
{
    public ulong BootNs;
    public ulong CgroupId;
    public ulong Caps;
    public uint Pid;
    public uint Tgid;
    public uint Uid;
    public uint Generation;
    public uint Rule;
    public uint AuditRule;
    public byte Verb;
    public byte Origin;
    public byte Decision;
    public byte Layer;
    public byte Reason;
    public byte Pad0, Pad1, Pad2;
    public KeyString Request;
    public KeyString Module;
    public CommBytes Comm;
    public ExeBytes Exe;
}
