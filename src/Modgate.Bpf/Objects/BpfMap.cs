using System.Runtime.InteropServices;
using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>Flags of bpf_map_update_elem.</summary>
public enum MapUpdate : ulong
{
    Any = 0,
    NoExist = 1,
    Exist = 2,
}

/// <summary>
/// A BPF map by file descriptor: either borrowed from a loaded <see cref="BpfObject"/> (the map keeps the object alive
/// while it is used; disposing the object closes the map) or owned (opened from its pin in bpffs or by id). Keys and
/// values are the blittable mirrors of modgate.h (see MapLayouts).
/// </summary>
public sealed unsafe class BpfMap : IDisposable
{
    private readonly FileDescriptorHandle _fd;
    private readonly BpfObject? _owner;

    internal BpfMap(FileDescriptorHandle fd, string name, BpfObject? owner = null)
    {
        _fd = fd;
        _owner = owner;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The descriptor, for libbpf calls that take a map fd (ring_buffer__new); valid while this map lives.</summary>
    internal int Fd
    {
        get
        {
            var fd = _fd.Fd;
            KeepOwnerAlive();
            return fd;
        }
    }

    /// <summary>Opens a map by its kernel id (BPF_MAP_GET_FD_BY_ID, needs CAP_SYS_ADMIN); named as the kernel names it.</summary>
    public static BpfMap FromId(uint id)
    {
        var handle = FileDescriptorHandle.Owned(LibBpf.MapGetFdById(id), $"bpf(BPF_MAP_GET_FD_BY_ID, {id})");
        try
        {
            return new BpfMap(handle, ReadInfo(handle, $"map {id}").Name);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The id of every map in the kernel, walked from the first (BPF_MAP_GET_NEXT_ID, needs CAP_SYS_ADMIN); the walk
    /// ends early when the caller may not walk at all.
    /// </summary>
    public static IEnumerable<uint> AllIds()
    {
        var id = 0u;
        while (LibBpf.MapGetNextId(id, out var next) == 0)
        {
            id = next;
            yield return id;
        }
    }

    /// <summary>Opens a pinned map (bpf_obj_get); the descriptor is owned and closed on dispose.</summary>
    public static BpfMap OpenPinned(string path) =>
        new BpfMap(FileDescriptorHandle.Owned(LibBpf.ObjGet(path), $"bpf(BPF_OBJ_GET, {path})"), Path.GetFileName(path));

    /// <summary>Opens a pinned map read-only (BPF_F_RDONLY): all a reader needs, and all a locked policy still hands out.</summary>
    public static BpfMap OpenPinnedReadOnly(string path)
    {
        var options = new LibBpf.ObjGetOptions { Size = (nuint)Marshal.SizeOf<LibBpf.ObjGetOptions>(), FileFlags = LibBpf.ReadOnlyFileFlag };
        return new BpfMap(FileDescriptorHandle.Owned(LibBpf.ObjGetOpts(path, options), $"bpf(BPF_OBJ_GET, {path}, read-only)"), Path.GetFileName(path));
    }

    public void Pin(string path)
    {
        var result = LibBpf.ObjPin(_fd, path);
        KeepOwnerAlive();
        if (result < 0) throw SyscallException.FromResult($"bpf(BPF_OBJ_PIN, {path})", result);
    }

    public BpfMapInfo Info()
    {
        var info = ReadInfo(_fd, Name);
        KeepOwnerAlive();
        return info;
    }

    /// <summary>BPF_MAP_FREEZE: bpf() can no longer write the map, for good; a map frozen already (libbpf freezes .rodata) counts as done.</summary>
    public void Freeze()
    {
        var result = LibBpf.MapFreeze(_fd);
        KeepOwnerAlive();
        if (result < 0 && -result != (int)Errno.EBUSY) throw SyscallException.FromResult($"bpf(BPF_MAP_FREEZE, {Name})", result);
    }

    private static BpfMapInfo ReadInfo(FileDescriptorHandle fd, string what)
    {
        var info = default(LibBpf.MapInfo);
        KernelObjectInfo.Read(fd, ref info, what);
        return new BpfMapInfo(info.Id, KernelObjectInfo.Name(info.Name), info.Type, info.KeySize, info.ValueSize, info.MaxEntries);
    }

    public void Update<TKey, TValue>(in TKey key, in TValue value, MapUpdate flags = MapUpdate.Any)
        where TKey : unmanaged where TValue : unmanaged
    {
        fixed (TKey* k = &key)
        fixed (TValue* v = &value)
        {
            var result = LibBpf.MapUpdateElem(_fd, k, v, (ulong)flags);
            KeepOwnerAlive();
            if (result < 0) throw SyscallException.FromResult($"bpf(BPF_MAP_UPDATE_ELEM, {Name})", result);
        }
    }

    public bool TryLookup<TKey, TValue>(in TKey key, out TValue value) where TKey : unmanaged where TValue : unmanaged
    {
        value = default;
        fixed (TKey* k = &key)
        fixed (TValue* v = &value)
        {
            var result = LibBpf.MapLookupElem(_fd, k, v);
            KeepOwnerAlive();
            if (result >= 0) return true;
            if (IsNotFound(result)) return false;
            throw SyscallException.FromResult($"bpf(BPF_MAP_LOOKUP_ELEM, {Name})", result);
        }
    }

    /// <summary>A per-CPU map's value on every possible CPU.</summary>
    public TValue[] LookupPerCpu<TKey, TValue>(in TKey key) where TKey : unmanaged where TValue : unmanaged
    {
        var cpus = LibBpf.NumPossibleCpus();
        if (cpus <= 0) throw new SyscallException("libbpf_num_possible_cpus", (Errno)(-cpus));
        // The kernel copies each CPU's value rounded up to 8 bytes.
        var stride = (sizeof(TValue) + 7) & ~7;
        var buffer = new byte[stride * cpus];
        fixed (TKey* k = &key)
        fixed (byte* b = buffer)
        {
            var result = LibBpf.MapLookupElem(_fd, k, b);
            KeepOwnerAlive();
            if (result < 0) throw SyscallException.FromResult($"bpf(BPF_MAP_LOOKUP_ELEM, {Name})", result);
            var values = new TValue[cpus];
            for (var cpu = 0; cpu < cpus; cpu++) values[cpu] = *(TValue*)(b + cpu * stride);
            return values;
        }
    }

    /// <summary>Deletes an entry; false when there was none.</summary>
    public bool Delete<TKey>(in TKey key) where TKey : unmanaged
    {
        fixed (TKey* k = &key)
        {
            var result = LibBpf.MapDeleteElem(_fd, k);
            KeepOwnerAlive();
            if (result >= 0) return true;
            if (IsNotFound(result)) return false;
            throw SyscallException.FromResult($"bpf(BPF_MAP_DELETE_ELEM, {Name})", result);
        }
    }

    /// <summary>Every key, read up front (the map may change while the caller works through them).</summary>
    public List<TKey> Keys<TKey>() where TKey : unmanaged
    {
        var keys = new List<TKey>();
        TKey current = default, next = default;
        var first = true;
        while (true)
        {
            var result = LibBpf.MapGetNextKey(_fd, first ? null : &current, &next);
            KeepOwnerAlive();
            if (result < 0)
            {
                if (IsNotFound(result)) return keys;
                throw SyscallException.FromResult($"bpf(BPF_MAP_GET_NEXT_KEY, {Name})", result);
            }
            keys.Add(next);
            current = next;
            first = false;
        }
    }

    /// <summary>A task storage map's value for a process (keyed by pidfd); false when the task has none.</summary>
    public bool TryLookupTask<TValue>(int pid, out TValue value) where TValue : unmanaged
    {
        using var pidfd = Kernel.ProcessModeCalls.OpenPidfd(pid);
        var key = pidfd.Fd;
        return TryLookup(key, out value);
    }

    public void UpdateTask<TValue>(int pid, in TValue value) where TValue : unmanaged
    {
        using var pidfd = Kernel.ProcessModeCalls.OpenPidfd(pid);
        var key = pidfd.Fd;
        Update(key, value);
    }

    // A borrowed descriptor is the object's: the object must not be finalized (closing it) during a call.
    private void KeepOwnerAlive() => _owner?.KeepAlive();

    private static bool IsNotFound(int result) => result == -(int)Errno.ENOENT || (result < 0 && SyscallException.LastErrno() == Errno.ENOENT);

    public void Dispose() => _fd.Dispose();
}
