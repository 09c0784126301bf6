namespace Modgate.Bpf;

/// <summary>MODGATE_BPF_OBJECT names no embedded object.</summary>
public sealed class BpfObjectChoiceException(string value)
    : ConfigurationException($"{BpfObjectChoice.EnvironmentVariable}={value}: expected full or reduced");
