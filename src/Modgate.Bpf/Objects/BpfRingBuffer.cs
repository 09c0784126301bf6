using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>
/// The consumer side of a BPF_MAP_TYPE_RINGBUF map (libbpf's ring_buffer): <see cref="Poll"/> waits for records
/// and hands each to the callback, in the order the kernel committed them. One thread polls; the records are
/// only valid during the callback (they live in the shared mapping until libbpf advances the consumer position).
/// </summary>
public sealed unsafe class BpfRingBuffer : IDisposable
{
    private readonly RingBufferHandle _handle;
    private readonly BpfMap _map;
    private GCHandle _self;
    private RecordHandler? _current;
    private Exception? _failure;

    public delegate void RecordHandler(ReadOnlySpan<byte> record);

    private BpfRingBuffer(BpfMap map)
    {
        _map = map;
        _self = GCHandle.Alloc(this);
        var pointer = LibBpf.RingBufferNew(map.Fd, &OnSample, GCHandle.ToIntPtr(_self), 0);
        if (pointer == 0)
        {
            var errno = SyscallException.LastErrno();
            _self.Free();
            throw new SyscallException($"ring_buffer__new({map.Name})", errno);
        }
        _handle = new RingBufferHandle(pointer);
    }

    /// <summary>Opens the ring buffer pinned at <paramref name="path"/> for consuming.</summary>
    public static BpfRingBuffer OpenPinned(string path)
    {
        var map = BpfMap.OpenPinned(path);
        try
        {
            return new BpfRingBuffer(map);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for records and hands each to <paramref name="handler"/>.</summary>
    /// <returns>How many records were consumed (0 on timeout or when a signal interrupted the wait).</returns>
    public int Poll(int timeoutMs, RecordHandler handler)
    {
        _current = handler;
        _failure = null;
        try
        {
            var result = LibBpf.RingBufferPoll(_handle, timeoutMs);
            if (_failure is not null) ExceptionDispatchInfo.Throw(_failure);
            if (result == -(int)Errno.EINTR) return 0;
            if (result < 0) throw SyscallException.FromResult($"ring_buffer__poll({_map.Name})", result);
            return result;
        }
        finally
        {
            _current = null;
        }
    }

    // libbpf calls back on the polling thread; an exception must not cross the native frames, so it is kept and
    // rethrown by Poll, and a non-zero return stops libbpf's loop there.
    [UnmanagedCallersOnly]
    private static int OnSample(nint context, nint data, nuint size)
    {
        var self = (BpfRingBuffer)GCHandle.FromIntPtr(context).Target!;
        try
        {
            self._current?.Invoke(new ReadOnlySpan<byte>((void*)data, checked((int)size)));
            return 0;
        }
        catch (Exception e)
        {
            self._failure = e;
            return -1;
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        _map.Dispose();
        if (_self.IsAllocated) _self.Free();
    }
}
