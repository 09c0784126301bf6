namespace Modgate.Kernel;

/// <summary>
/// The name transformations kmod applies (shared/util.c of kmod 30), reproduced exactly because the
/// resolver must give what <c>modprobe -R</c> gives: dashes become underscores except inside a
/// bracket expression, an unmatched bracket makes the string invalid, and a module name ends at its first dot.
/// </summary>
public static class KmodNames
{
    /// <summary>
    /// kmod's <c>alias_normalize</c> (and <c>underscores</c>, which behaves the same): '-' → '_' outside
    /// <c>[...]</c>; null when a ']' appears outside brackets or a '[' is never closed.
    /// </summary>
    public static string? NormalizeAlias(string alias)
    {
        if (alias.AsSpan().IndexOfAny("-[]") < 0) return alias;
        var buffer = alias.ToCharArray();
        for (var i = 0; i < buffer.Length; i++)
        {
            switch (buffer[i])
            {
                case '-':
                    buffer[i] = '_';
                    break;
                case ']':
                    return null;
                case '[':
                    var close = alias.IndexOf(']', i);
                    if (close < 0) return null;
                    i = close;
                    break;
            }
        }
        return new string(buffer);
    }

    /// <summary>kmod's <c>modname_normalize</c>: '-' → '_', and the name stops at the first '.'.</summary>
    public static string NormalizeModuleName(ReadOnlySpan<char> name)
    {
        var dot = name.IndexOf('.');
        if (dot >= 0) name = name[..dot];
        return name.Contains('-') ? name.ToString().Replace('-', '_') : name.ToString();
    }

    /// <summary>kmod's <c>path_to_modname</c>: the module name a file in the tree stands for (<c>kernel/a/n-hdlc.ko.xz</c> → <c>n_hdlc</c>).</summary>
    public static string ModuleNameFromPath(string path)
    {
        var slash = path.LastIndexOf('/');
        return NormalizeModuleName(path.AsSpan(slash + 1));
    }

    /// <summary>Aliases that name hardware (<c>pci:</c>, <c>usb:</c>, <c>acpi*:</c>…) all have a bus prefix with a colon.</summary>
    public static bool IsHardwareAlias(string alias) => alias.Contains(':');
}
