namespace Modgate.Kernel;

/// <summary>What modprobe does with one entry of its probe list (the kernel's module list not consulted).</summary>
public enum ProbeAction : byte
{
    /// <summary>finit_module/init_module of the module's file: the load the kernel judges.</summary>
    Insert,
    /// <summary>Built into the kernel: modprobe counts it as loaded and does nothing.</summary>
    Builtin,
    /// <summary>A modprobe.d <c>install</c> command runs instead of the insertion.</summary>
    Install,
    /// <summary>Neither in modules.dep nor built in (e.g. an alias to a module the tree lacks): modprobe fails on it.</summary>
    Missing,
}

/// <summary>Why an entry is in the probe list.</summary>
public enum ProbeRole : byte
{
    /// <summary>A module the request resolved to.</summary>
    Requested,
    /// <summary>In modules.dep of <see cref="ProbeStep.Of"/>.</summary>
    Dependency,
    /// <summary>A <c>softdep … pre:</c> of <see cref="ProbeStep.Of"/>.</summary>
    PreSoftdep,
    /// <summary>A <c>softdep … post:</c> of <see cref="ProbeStep.Of"/>.</summary>
    PostSoftdep,
}

/// <summary>One entry of kmod's probe list, in the order modprobe goes through it.</summary>
/// <param name="Required">The requested module or one of its modules.dep dependencies: modprobe stops at the first of these
/// that fails; a softdep that fails is ignored (libkmod: "Ignore errors from softdeps").</param>
/// <param name="Of">The module it is a dependency or softdep of; null for a requested module.</param>
/// <param name="Softdep">The softdep line that brought it in.</param>
/// <param name="Install">The install command modprobe runs for it: set for <see cref="ProbeAction.Install"/>, and for a
/// built-in module that has one (modprobe --show-depends prints it, a real modprobe skips built-in modules).</param>
public sealed record ProbeStep(string Module, ProbeAction Action, ProbeRole Role, bool Required, string? Of, SourceLine? Softdep,
    ConfigCommand? Install);

/// <summary>What modprobe does for one module a request resolved to.</summary>
/// <param name="Blacklisted">Reached through an alias and blacklisted in modprobe.d: modprobe skips it, Steps is empty.</param>
public sealed record ModuleProbe(string Module, IReadOnlyList<ProbeStep> Steps, ConfigBlacklist? Blacklisted);
