namespace Modgate.Kernel;

/// <summary>
/// Why <see cref="ModuleImageName"/> gives no name for a module image. The BPF program refuses the load for the
/// same reasons; the values are shared with it only through these rules, not by number.
/// </summary>
public enum ModuleImageRefusal : byte
{
    /// <summary>Not refused: the image has a name.</summary>
    None,

    /// <summary>Shorter than an ELF header, bad magic, not ELFCLASS64 little endian, not ET_REL, not EM_X86_64.</summary>
    NotElf64Rel,

    /// <summary>Section header entries not 64 bytes, or the table lies outside the image.</summary>
    BadSectionTable,

    /// <summary>The section name table index is 0 or out of range, the table is NOBITS, outside the image, empty or not NUL-terminated.</summary>
    BadNameTable,

    /// <summary>A section lies outside the image, a symbol table links nowhere, or a relocation section for the module section has the wrong entry size.</summary>
    BadSection,

    /// <summary>No SHF_ALLOC section is named <c>.gnu.linkonce.this_module</c>.</summary>
    NoModuleSection,

    /// <summary>The module section is NOBITS, lies outside the image, or is not the size of the running kernel's <c>struct module</c>.</summary>
    BadModuleSection,

    /// <summary>The name field is empty or has no NUL within MODULE_NAME_LEN bytes.</summary>
    BadName,

    /// <summary>A relocation writes into the name field: the name the kernel ends up with is not the one in the file.</summary>
    RelocatesName,

    /// <summary>More relocations apply to the module section than the BPF program scans.</summary>
    TooManyRelocations,

    /// <summary>More sections than the BPF program walks.</summary>
    TooManySections,
}

/// <summary>The name inside a module image, or why there is none.</summary>
/// <param name="Name">The name in <c>struct module</c>, decoded as UTF-8 (invalid bytes become U+FFFD); null when refused.</param>
/// <param name="Refusal"><see cref="ModuleImageRefusal.None"/> when <paramref name="Name"/> is set.</param>
/// <param name="Message">What was wrong, with the numbers; null when not refused.</param>
public readonly record struct ModuleImageNameResult(string? Name, ModuleImageRefusal Refusal, string? Message)
{
    public bool IsRefused => Refusal != ModuleImageRefusal.None;

    internal static ModuleImageNameResult Refuse(ModuleImageRefusal refusal, string message) => new(null, refusal, message);

    public override string ToString() => IsRefused ? $"{Refusal}: {Message}" : Name!;
}
