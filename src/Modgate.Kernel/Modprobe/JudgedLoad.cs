using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>What became of one entry of modprobe's probe list under a policy.</summary>
public enum ProbeResult : byte
{
    /// <summary>The policy allowed the load (complain mode: perhaps as would-deny).</summary>
    Loaded,
    /// <summary>Denied, and it was the requested module or a dependency: modprobe stops here.</summary>
    Denied,
    /// <summary>Denied, but a softdep: modprobe ignores the failure and goes on.</summary>
    DeniedIgnored,
    /// <summary>Loaded earlier in the same modprobe run: not loaded again.</summary>
    AlreadyLoaded,
    /// <summary>Built into the kernel: nothing to load.</summary>
    Builtin,
    /// <summary>Its install command runs; whatever that loads is judged when it loads, as the same requester.</summary>
    InstallCommand,
    /// <summary>Its install command is one that fails (<c>/bin/false</c>).</summary>
    InstallFails,
    /// <summary>Not in the module tree: modprobe cannot load it.</summary>
    Missing,
    /// <summary>After a required load failed: modprobe never got here.</summary>
    NotReached,
}

/// <summary>One entry of the probe list, and the decision on its load when there was one to make.</summary>
public sealed record JudgedLoad(ProbeStep Step, ProbeResult Result, Decision? Decision);

/// <summary>What an autoload request's modprobe does for one module the request resolved to.</summary>
/// <param name="Loaded">Whether the module ends up in the kernel (or was built in, or its install command ran).</param>
/// <param name="StoppedAt">The required load that failed, when one did.</param>
public sealed record ModuleOutcome(ModuleProbe Probe, IReadOnlyList<JudgedLoad> Loads, bool Loaded, JudgedLoad? StoppedAt);
