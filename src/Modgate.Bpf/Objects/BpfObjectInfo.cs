using System.Text;
using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>What the kernel keeps about a map (struct bpf_map_info); <see cref="Name"/> is cut at 15 bytes.</summary>
public sealed record BpfMapInfo(uint Id, string Name, uint Type, uint KeySize, uint ValueSize, uint MaxEntries);

/// <summary>What the kernel keeps about a program: its id, name (cut at 15 bytes) and every map it uses, its
/// .rodata/.bss and scratch maps included.</summary>
public sealed record BpfProgramInfo(uint Id, string Name, IReadOnlyList<uint> MapIds);

/// <summary>What the kernel keeps about a link: its id and the program it attaches.</summary>
public sealed record BpfLinkInfo(uint Id, uint ProgramId);

/// <summary>BPF_OBJ_GET_INFO_BY_FD for maps, programs and links alike.</summary>
internal static unsafe class KernelObjectInfo
{
    /// <param name="info">Zeroed, or with the pointers the kernel fills (a program's map_ids) set.</param>
    internal static void Read<T>(FileDescriptorHandle fd, ref T info, string what) where T : unmanaged
    {
        var length = (uint)sizeof(T);
        fixed (T* pointer = &info)
        {
            var result = LibBpf.ObjGetInfoByFd(fd, pointer, ref length);
            if (result < 0) throw SyscallException.FromResult($"bpf(BPF_OBJ_GET_INFO_BY_FD, {what})", result);
        }
    }

    internal static string Name(byte* name)
    {
        var span = new ReadOnlySpan<byte>(name, LibBpf.ObjectNameLength);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
