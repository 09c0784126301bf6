namespace Modgate.Bpf;

/// <summary>The kernel refused to load the BPF programs; <see cref="Log"/> holds libbpf's messages and the verifier log.</summary>
public sealed class VerifierException : SyscallException
{
    public VerifierException(int errno, string log)
        : base("bpf(BPF_PROG_LOAD)", errno, $"the kernel rejected modgate's BPF programs ({ErrnoNames.Of(errno)}); verifier log follows:\n{Tail(log)}")
    {
        Log = log;
    }

    public string Log { get; }

    // The verifier's last lines say why; a full log can be megabytes.
    private static string Tail(string log)
    {
        var lines = log.Split('\n');
        return string.Join('\n', lines.Length <= 40 ? lines : lines[^40..]);
    }
}
