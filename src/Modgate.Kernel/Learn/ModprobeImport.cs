namespace Modgate.Kernel.Learn;

/// <summary>A modprobe.d line that forbids a module: where it is and what it says.</summary>
public sealed record ModprobeRefusal(SourceLine Source, string Directive)
{
    public override string ToString() => $"{Source}: {Directive}";
}

/// <summary>A module to deny, with every modprobe.d line that forbade it, in the order modprobe reads them.</summary>
public sealed record ImportedDeny(string Module, IReadOnlyList<ModprobeRefusal> Sources);

/// <summary>A modprobe.d line that looks like a refusal but does not become a rule, and why.</summary>
public sealed record ImportSkip(ModprobeRefusal Line, string Reason);

/// <summary>What `modgate import-modprobe` found: the denies, the lines left out, the files read and their problems.</summary>
public sealed record ModprobeImport(
    IReadOnlyList<ImportedDeny> Denies,
    IReadOnlyList<ImportSkip> Skipped,
    IReadOnlyList<string> Files,
    IReadOnlyList<KernelDiagnostic> Diagnostics);
