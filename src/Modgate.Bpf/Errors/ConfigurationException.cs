namespace Modgate.Bpf;

/// <summary>
/// A setting modgate reads (an environment variable such as MODGATE_BACKEND or MODGATE_BPF_OBJECT) has a value it
/// does not know. Its own type, not a <see cref="SyscallException"/>: the kernel was never asked, so there is no errno,
/// and a caller that answers kernel failures (e.g. by falling back to another backend) must not answer this one.
/// </summary>
public class ConfigurationException(string message) : Exception(message);
