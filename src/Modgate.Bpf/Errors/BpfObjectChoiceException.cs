namespace Modgate.Bpf;

/// <summary>MODGATE_BPF_OBJECT names no embedded object (errno EINVAL, as a bad argument to the load).</summary>
public sealed class BpfObjectChoiceException(string value)
    : SyscallException(BpfObjectChoice.EnvironmentVariable, 22, $"{BpfObjectChoice.EnvironmentVariable}={value}: expected full or reduced");
