using System.Runtime.InteropServices;
using System.Text;
using Modgate.Bpf.Interop;
using Modgate.Bpf.Maps;

namespace Modgate.Bpf.Kernel;

/// <summary>The per-process side of modgate's programs: modgate's private prctl, exec, pidfds and inode numbers.</summary>
public static unsafe class ProcessModeCalls
{
    private const int PrSetNoNewPrivs = 38;

    /// <summary>PR_SET_NO_NEW_PRIVS on the calling thread (what seccomp asks of unprivileged callers).</summary>
    public static void SetNoNewPrivs()
    {
        if (Libc.Prctl(PrSetNoNewPrivs, 1, 0, 0, 0) != 0) throw SyscallException.FromErrno("prctl(PR_SET_NO_NEW_PRIVS)");
    }

    /// <summary>Raises the calling thread's mode of a verb (0 autoload, 1 load, 2 unload); EINVAL means modgate's programs are not attached.</summary>
    public static void RaiseOwnMode(int verb, byte mode)
    {
        var result = Libc.Prctl(MapConstants.PrctlOption, MapConstants.PrctlSetMode, (nuint)verb, mode, 0);
        if (result < 0) throw SyscallException.FromErrno("prctl(MODGATE_SET_MODE)");
    }

    /// <summary>The calling thread's modes, one per verb.</summary>
    public static byte[] OwnModes()
    {
        var result = Libc.Prctl(MapConstants.PrctlOption, MapConstants.PrctlGetModes, 0, 0, 0);
        if (result < 0) throw SyscallException.FromErrno("prctl(MODGATE_GET_MODES)");
        return [(byte)result, (byte)(result >> 8), (byte)(result >> 16)];
    }

    /// <summary>The kernel's decision for the caller making this request (test hook; nothing is counted or enforced).</summary>
    public static int Decide(int verb, string name, int origin)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* b = bytes)
        {
            var result = Libc.Prctl(MapConstants.PrctlOption, MapConstants.PrctlDecide, (nuint)verb, (nuint)b, (nuint)origin);
            if (result < 0) throw SyscallException.FromErrno("prctl(MODGATE_DECIDE)");
            return result;
        }
    }

    /// <summary>execvp on the calling thread; returns only by throwing.</summary>
    public static void Exec(IReadOnlyList<string> command)
    {
        var handles = command.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
        try
        {
            var argv = stackalloc byte*[handles.Length + 1];
            for (var i = 0; i < handles.Length; i++) argv[i] = (byte*)handles[i];
            argv[handles.Length] = null;
            Libc.Execvp(argv[0], argv);
            throw SyscallException.FromErrno($"execvp({command[0]})");
        }
        finally
        {
            foreach (var h in handles) Marshal.FreeCoTaskMem(h);
        }
    }

    /// <summary>A pidfd (owned) for a process: the key of task storage maps.</summary>
    internal static FileDescriptorHandle OpenPidfd(int pid)
    {
        var fd = Libc.PidfdOpen(pid);
        if (fd < 0) throw SyscallException.FromErrno($"pidfd_open({pid})");
        return new FileDescriptorHandle(fd, ownsHandle: true);
    }

    public static ulong InodeOf(string path) => Libc.InodeOf(path);
}
