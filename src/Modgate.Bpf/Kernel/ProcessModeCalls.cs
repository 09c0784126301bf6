using System.Runtime.InteropServices;
using System.Text;
using Modgate.Bpf.Interop;
using Modgate.Bpf.Maps;
using Modgate.Policy;

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

    /// <summary>Raises the calling thread's mode of a verb.</summary>
    public static void RaiseOwnMode(Verb verb, Mode mode) =>
        Ask("prctl(MODGATE_SET_MODE)", MapConstants.PrctlSetMode, (nuint)PolicyKernelCodes.ToKernel(verb), (nuint)PolicyKernelCodes.ToKernel(mode), 0);

    /// <summary>The calling thread's modes, indexed by verb.</summary>
    public static Mode[] OwnModes()
    {
        var modes = Ask("prctl(MODGATE_GET_MODES)", MapConstants.PrctlGetModes, 0, 0, 0);
        const int mask = (1 << MapConstants.PrctlModeBits) - 1;
        return [.. PolicyWords.Verbs.Select(v =>
            PolicyKernelCodes.ModeOf((byte)((modes >> ((int)PolicyKernelCodes.ToKernel(v) * MapConstants.PrctlModeBits)) & mask)))];
    }

    /// <summary>Lets the calling thread, and the children it creates from now on, ask <see cref="Decide"/> whatever
    /// credentials they drop to (the caller needs CAP_SYS_ADMIN).</summary>
    public static void AllowDecide() => Ask("prctl(MODGATE_ALLOW_DECIDE)", MapConstants.PrctlAllowDecide, 0, 0, 0);

    /// <summary>The kernel's decision for the caller making this request (a diagnostic; nothing is counted or enforced).</summary>
    public static KernelDecisionBits Decide(Verb verb, string name, Origin origin)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        var kernelVerb = PolicyKernelCodes.ToKernel(verb);
        var kernelOrigin = PolicyKernelCodes.ToKernel(origin);
        fixed (byte* b = bytes)
        {
            var bits = DecidePart(kernelVerb, b, kernelOrigin, MapConstants.PrctlPartDecision);
            var rule = DecidePart(kernelVerb, b, kernelOrigin, MapConstants.PrctlPartRuleLow) |
                       DecidePart(kernelVerb, b, kernelOrigin, MapConstants.PrctlPartRuleHigh) << MapConstants.PrctlRulePartBits;
            return KernelDecisionBits.Decode(bits, rule);
        }
    }

    private static int DecidePart(KernelVerb verb, byte* name, KernelOrigin origin, int part) =>
        Ask("prctl(MODGATE_DECIDE)", MapConstants.PrctlDecide, (nuint)verb, (nuint)name, (nuint)((int)origin | part << MapConstants.PrctlPartShift));

    /// <summary>
    /// One call of modgate's prctl. Every answer is an errno (see MG_PRCTL_ANSWER in modgate.h): errno at or above
    /// MG_PRCTL_ANSWER is a success carrying a payload; EINVAL means no program answered (<see cref="NotEnforcingException"/>);
    /// anything else is the error.
    /// </summary>
    private static int Ask(string call, int command, nuint arg3, nuint arg4, nuint arg5)
    {
        var result = Libc.Prctl(MapConstants.PrctlOption, (nuint)command, arg3, arg4, arg5);
        var errno = Marshal.GetLastPInvokeError();
        if (result == -1 && errno >= MapConstants.PrctlAnswer && errno < MapConstants.PrctlAnswer + MapConstants.PrctlPayloadLimit)
            return errno - MapConstants.PrctlAnswer;
        // 0 means no program answered (the kernel took the option as its own and returned 0?): never a valid answer.
        if (result != -1 || (Errno)errno == Errno.EINVAL) throw new NotEnforcingException(call);
        throw new SyscallException(call, (Errno)errno);
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

    /// <summary>A file's inode as the kernel identifies it: its filesystem's dev_t, inode number, size and ctime.</summary>
    public static (ulong KernelDev, ulong Ino, ulong Size, long CtimeSec, ulong CtimeNsec) IdentityOf(string path) => Libc.IdentityOf(path);
}
