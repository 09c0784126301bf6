using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    // Mirrors of linux/bpf.h's info structs, cut after the last field modgate reads: the kernel copies
    // min(length, its own size), so a shorter struct works on every kernel (KernelInfoLayoutTests checks them with gcc).

    /// <summary>struct bpf_map_info up to name.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MapInfo
    {
        public uint Type, Id, KeySize, ValueSize, MaxEntries, MapFlags;
        public fixed byte Name[ObjectNameLength];
    }

    /// <summary>struct bpf_prog_info up to name; map_ids is a user pointer the kernel fills with nr_map_ids ids.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ProgramInfo
    {
        public uint Type;
        public uint Id;
        public fixed byte Tag[8];
        public uint JitedProgramLength;
        public uint XlatedProgramLength;
        public ulong JitedProgramInstructions;
        public ulong XlatedProgramInstructions;
        public ulong LoadTime;
        public uint CreatedByUid;
        public uint MapIdCount;
        public ulong MapIds;
        public fixed byte Name[ObjectNameLength];
    }

    /// <summary>struct bpf_link_info up to prog_id (the union after it differs per link type).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LinkInfo
    {
        public uint Type, Id, ProgramId;
    }

    /// <summary>BPF_OBJ_NAME_LEN: names the kernel keeps are cut to 15 bytes and a NUL.</summary>
    internal const int ObjectNameLength = 16;

    /// <summary>BPF_OBJ_GET_INFO_BY_FD: fills struct bpf_prog_info / bpf_map_info / bpf_link_info up to length bytes.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_obj_get_info_by_fd", SetLastError = true)]
    internal static partial int ObjGetInfoByFd(FileDescriptorHandle fd, void* info, ref uint length);
}
