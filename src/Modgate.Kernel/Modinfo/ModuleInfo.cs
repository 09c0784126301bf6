namespace Modgate.Kernel;

/// <summary>
/// The <c>.modinfo</c> section of a module file: <c>key=value</c> strings in file order (a key can repeat:
/// <c>alias</c>, <c>depends</c>, <c>parm</c>…), and the module's own name.
/// </summary>
/// <param name="Path">The file read.</param>
/// <param name="Name">The name the kernel will know the module by: modinfo's <c>name=</c> (written by modpost),
/// else the name in <c>.gnu.linkonce.this_module</c>; null when the file carries neither.</param>
/// <param name="Entries">Every key/value pair, in file order.</param>
public sealed record ModuleInfo(string Path, string? Name, IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public IEnumerable<string> Values(string key) => Entries.Where(e => e.Key == key).Select(e => e.Value);

    public string? Value(string key) => Values(key).FirstOrDefault();

    public IReadOnlyList<string> Aliases => Values("alias").ToList();

    public string? Description => Value("description");
}

/// <summary>A module file could not be read; the message names the file and what was wrong.</summary>
public sealed class ModuleFileException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;

    public KernelDiagnostic ToDiagnostic() => KernelDiagnostic.Error(Path, Problem);
}
