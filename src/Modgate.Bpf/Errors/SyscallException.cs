using System.Runtime.InteropServices;

namespace Modgate.Bpf;

/// <summary>A kernel call failed: which call, and the errno it returned.</summary>
public class SyscallException : Exception
{
    public SyscallException(string call, Errno errno)
        : this(call, errno, $"{call} failed: {ErrnoNames.Of(errno)} ({Marshal.GetPInvokeErrorMessage((int)errno)})") { }

    protected SyscallException(string call, Errno errno, string message) : base(message)
    {
        Call = call;
        Errno = errno;
    }

    /// <summary>The call as a reader would write it, e.g. <c>bpf(BPF_PROG_LOAD)</c>.</summary>
    public string Call { get; }

    public Errno Errno { get; }

    /// <summary>libbpf returns -errno and sets errno; prefer the return value when it carries one.</summary>
    internal static SyscallException FromResult(string call, long result) =>
        new(call, result < 0 && result > -4096 ? (Errno)(-result) : LastErrno());

    internal static SyscallException FromErrno(string call) => new(call, LastErrno());

    /// <summary>errno as the last P/Invoke with SetLastError left it.</summary>
    internal static Errno LastErrno() => (Errno)Marshal.GetLastPInvokeError();
}
