using System.Runtime.InteropServices;
using Modgate.Bpf;
using Modgate.Bpf.Interop;

namespace Modgate.Enforcement.Lock;

/// <summary>
/// An owned descriptor of any BPF object (program, map, link), opened by pin or by id, with the few questions the
/// lock asks of it: its id, what a link attaches, which maps a program uses, and freezing a map.
/// </summary>
internal sealed class BpfDescriptor : IDisposable
{
    // Offsets in the kernel's info structs (linux/bpf.h, checked by LockLayoutTests against gcc).
    internal const int InfoIdOffset = 4;          // bpf_prog_info.id, bpf_map_info.id, bpf_link_info.id
    internal const int LinkProgIdOffset = 8;      // bpf_link_info.prog_id
    internal const int ProgNrMapIdsOffset = 52;   // bpf_prog_info.nr_map_ids
    internal const int ProgMapIdsOffset = 56;     // bpf_prog_info.map_ids (a user pointer the kernel fills)
    internal const int MapNameOffset = 24;        // bpf_map_info.name[16]
    private const int InfoSize = 64; // up to bpf_prog_info.name; covers bpf_map_info.name and bpf_link_info.prog_id

    private readonly FileDescriptorHandle _fd;
    private readonly string _what;

    private BpfDescriptor(int fd, string what, string call)
    {
        if (fd < 0) throw SyscallException.FromResult(call, fd);
        _fd = new FileDescriptorHandle(fd, ownsHandle: true);
        _what = what;
    }

    public static BpfDescriptor OpenPinned(string path) => new(LibBpf.ObjGet(path), path, $"bpf(BPF_OBJ_GET, {path})");

    public static BpfDescriptor Program(uint id) => new(LibBpf.ProgGetFdById(id), $"program {id}", $"bpf(BPF_PROG_GET_FD_BY_ID, {id})");

    public static BpfDescriptor Map(uint id) => new(LibBpf.MapGetFdById(id), $"map {id}", $"bpf(BPF_MAP_GET_FD_BY_ID, {id})");

    /// <summary>The object's id (the same offset in program, map and link info).</summary>
    public uint Id => BitConverter.ToUInt32(ReadInfo(null), InfoIdOffset);

    /// <summary>A map's name as the kernel keeps it (cut at 15 characters).</summary>
    public string MapName
    {
        get
        {
            var name = ReadInfo(null).AsSpan(MapNameOffset, 16);
            var end = name.IndexOf((byte)0);
            return System.Text.Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
        }
    }

    /// <summary>A link's program id.</summary>
    public uint LinkedProgramId => BitConverter.ToUInt32(ReadInfo(null), LinkProgIdOffset);

    /// <summary>Ids of every map a program uses, its .rodata/.bss and scratch maps included.</summary>
    public uint[] ProgramMapIds()
    {
        var ids = new uint[BitConverter.ToUInt32(ReadInfo(null), ProgNrMapIdsOffset)];
        ReadInfo(ids);
        return ids;
    }

    /// <summary>BPF_MAP_FREEZE; a map frozen already (libbpf freezes .rodata) counts as done.</summary>
    public void Freeze()
    {
        var result = LibBpf.MapFreeze(_fd);
        if (result < 0 && -result != (int)Errno.EBUSY) throw SyscallException.FromResult($"bpf(BPF_MAP_FREEZE, {_what})", result);
    }

    /// <param name="mapIds">For a program: the array the kernel fills with its map ids (nr_map_ids = its length).</param>
    private byte[] ReadInfo(uint[]? mapIds)
    {
        var info = new byte[InfoSize];
        var pin = mapIds is null ? default : GCHandle.Alloc(mapIds, GCHandleType.Pinned);
        try
        {
            if (mapIds is not null)
            {
                BitConverter.TryWriteBytes(info.AsSpan(ProgNrMapIdsOffset), (uint)mapIds.Length);
                BitConverter.TryWriteBytes(info.AsSpan(ProgMapIdsOffset), (ulong)pin.AddrOfPinnedObject());
            }
            var length = (uint)InfoSize;
            var result = LibBpf.ObjGetInfoByFd(_fd, info, ref length);
            if (result < 0) throw SyscallException.FromResult($"bpf(BPF_OBJ_GET_INFO_BY_FD, {_what})", result);
            return info;
        }
        finally
        {
            if (pin.IsAllocated) pin.Free();
        }
    }

    public void Dispose() => _fd.Dispose();
}
