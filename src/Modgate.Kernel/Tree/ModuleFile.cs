namespace Modgate.Kernel;

/// <summary>
/// One loadable module as <c>modules.dep</c> lists it. <see cref="Name"/> is what modprobe calls it: the
/// normalized file name (kmod's path_to_modname), which can differ from the name inside the ELF file.
/// </summary>
/// <param name="Name">Normalized name from the file name.</param>
/// <param name="RelativePath">Path under the module directory, e.g. <c>kernel/drivers/tty/n_hdlc.ko</c>.</param>
/// <param name="Dependencies">Names of the modules it needs, in modules.dep order (loaded before it).</param>
/// <param name="Order">Its line in modules.dep: depmod's module index, the priority of its aliases in kmod's index.</param>
public sealed record ModuleFile(string Name, string RelativePath, IReadOnlyList<string> Dependencies, int Order);

/// <summary>An <c>alias PATTERN MODULE</c> line of modules.alias, modules.symbols or a builtin module's modinfo.</summary>
/// <param name="Pattern">As written in the file.</param>
/// <param name="NormalizedPattern">After kmod's alias_normalize: the key kmod matches against.</param>
public sealed record ModuleAlias(string Pattern, string NormalizedPattern, string Module);
