namespace Modgate.Kernel;

/// <summary>A line of a modprobe configuration file (its first physical line when it was continued with a backslash).</summary>
public readonly record struct SourceLine(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary><c>alias PATTERN MODULE</c>; both already passed through kmod's <c>underscores</c>.</summary>
public sealed record ConfigAlias(string Pattern, string Module, SourceLine Source);

/// <summary><c>blacklist MODULE</c>: modprobe skips MODULE when it was reached through an alias.</summary>
public sealed record ConfigBlacklist(string Module, SourceLine Source);

/// <summary><c>install MODULE COMMAND…</c> or <c>remove MODULE COMMAND…</c>.</summary>
public sealed record ConfigCommand(string Module, string Command, SourceLine Source)
{
    /// <summary>Commands that load nothing and are the usual way to forbid a module (<c>/bin/false</c>, <c>/bin/true</c>, <c>true</c>…).</summary>
    public bool LoadsNothing => Command.Trim() is "/bin/false" or "/bin/true" or "/usr/bin/false" or "/usr/bin/true" or "false" or "true";
}

/// <summary><c>softdep MODULE pre: A B post: C</c>: modules modprobe loads around MODULE.</summary>
public sealed record ConfigSoftdep(string Module, IReadOnlyList<string> Pre, IReadOnlyList<string> Post, SourceLine Source);

/// <summary>Everything modprobe's configuration says that matters to which module a request loads, in kmod's order.</summary>
public sealed class ModprobeConfig
{
    public static readonly ModprobeConfig Empty = new([], [], [], [], [], [], []);

    public ModprobeConfig(IReadOnlyList<string> files, IReadOnlyList<ConfigAlias> aliases, IReadOnlyList<ConfigBlacklist> blacklists,
        IReadOnlyList<ConfigCommand> installCommands, IReadOnlyList<ConfigCommand> removeCommands,
        IReadOnlyList<ConfigSoftdep> softdeps, IReadOnlyList<KernelDiagnostic> diagnostics)
    {
        Files = files;
        Aliases = aliases;
        Blacklists = blacklists;
        InstallCommands = installCommands;
        RemoveCommands = removeCommands;
        Softdeps = softdeps;
        Diagnostics = diagnostics;
        // The first line for a module wins, as in kmod.
        _blacklistByModule = blacklists.DistinctBy(b => b.Module).ToDictionary(b => b.Module, StringComparer.Ordinal);
        _installByModule = installCommands.DistinctBy(c => c.Module).ToDictionary(c => c.Module, StringComparer.Ordinal);
        _softdepsByModule = softdeps.GroupBy(s => s.Module, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    private readonly Dictionary<string, ConfigBlacklist> _blacklistByModule;
    private readonly Dictionary<string, ConfigCommand> _installByModule;
    private readonly Dictionary<string, ConfigSoftdep[]> _softdepsByModule;

    /// <summary>The files read, in the order kmod reads them.</summary>
    public IReadOnlyList<string> Files { get; }
    public IReadOnlyList<ConfigAlias> Aliases { get; }
    public IReadOnlyList<ConfigBlacklist> Blacklists { get; }
    public IReadOnlyList<ConfigCommand> InstallCommands { get; }
    public IReadOnlyList<ConfigCommand> RemoveCommands { get; }
    public IReadOnlyList<ConfigSoftdep> Softdeps { get; }
    public IReadOnlyList<KernelDiagnostic> Diagnostics { get; }

    public ConfigBlacklist? BlacklistOf(string module) => _blacklistByModule.GetValueOrDefault(module);

    /// <summary>The softdep lines for MODULE, in file order.</summary>
    public IReadOnlyList<ConfigSoftdep> SoftdepsOf(string module) => _softdepsByModule.TryGetValue(module, out var s) ? s : [];

    /// <summary>The install command modprobe would run instead of loading MODULE (the first one wins, as in kmod).</summary>
    public ConfigCommand? InstallCommandOf(string module) => _installByModule.GetValueOrDefault(module);
}
