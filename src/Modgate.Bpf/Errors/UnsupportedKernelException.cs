namespace Modgate.Bpf;

/// <summary>The running kernel (or the BPF object it allows) lacks what was asked for; <see cref="Exception.Message"/> says
/// what and from which kernel on (EOPNOTSUPP, exit code 3 in the CLI).</summary>
public sealed class UnsupportedKernelException(string feature, string reason) : SyscallException(feature, Errno.EOPNOTSUPP, reason);
