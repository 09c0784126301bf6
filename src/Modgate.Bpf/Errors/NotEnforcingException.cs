namespace Modgate.Bpf;

/// <summary>
/// modgate's private prctl got no answer from modgate's programs: they are not attached here (the kernel took the
/// option for its own and answered EINVAL). Still a <see cref="SyscallException"/> with EINVAL and the same message, so
/// that it reads as before where nobody asks what it means.
/// </summary>
public sealed class NotEnforcingException(string call) : SyscallException(call, Errno.EINVAL);
