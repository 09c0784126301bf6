namespace Modgate.Kernel;

/// <summary>What a sysctl's value does to the autoload surface an unprivileged user has.</summary>
public enum SysctlClosure : byte
{
    /// <summary>Nothing closes (the stock value, or the sysctl is absent).</summary>
    None,
    /// <summary>tty-ldisc-* requests need CAP_SYS_MODULE (dev.tty.ldisc_autoload=0).</summary>
    LineDisciplines,
    /// <summary>No unprivileged user namespace, so no "CAP_X (user namespace)" row.</summary>
    UserNamespaces,
    /// <summary>No module loads at all until reboot (kernel.modules_disabled=1).</summary>
    Everything,
}

/// <summary>One sysctl as read: its value (null when this kernel has none of that name) and what that value closes.</summary>
public sealed record SysctlReading(string Name, string? Value, SysctlClosure Closes, string Effect)
{
    /// <summary><c>name=value</c>, as rows name what closed them.</summary>
    public string Setting => $"{Name}={Value}";
}

/// <summary>
/// The sysctls of a running kernel that change what an unprivileged user can make it load: the stock kernel's code
/// path (data/request-families.tsv) assumes their defaults. Read through <see cref="ISysctlReader"/>, so tests give
/// fixture values and the command reads /proc/sys.
/// </summary>
public sealed class SurfaceSysctls
{
    public const string LdiscAutoload = "dev.tty.ldisc_autoload";
    public const string UnprivilegedUsernsClone = "kernel.unprivileged_userns_clone";
    public const string MaxUserNamespaces = "user.max_user_namespaces";
    public const string AppArmorRestrictUserns = "kernel.apparmor_restrict_unprivileged_userns";
    public const string ModulesDisabled = "kernel.modules_disabled";

    private SurfaceSysctls(IReadOnlyList<SysctlReading> readings) => Readings = readings;

    /// <summary>Every sysctl exposure reads, in a fixed order, present or not.</summary>
    public IReadOnlyList<SysctlReading> Readings { get; }

    public static SurfaceSysctls Read(ISysctlReader reader) => new(
    [
        Judge(LdiscAutoload, reader.Read(LdiscAutoload), v => v == "0" ? SysctlClosure.LineDisciplines : SysctlClosure.None,
            "tty-ldisc-* requests need CAP_SYS_MODULE, closed for unprivileged users",
            "any user with a tty (a pty) makes the kernel load a line discipline (the stock default, 1)"),
        Judge(UnprivilegedUsernsClone, reader.Read(UnprivilegedUsernsClone), v => v == "0" ? SysctlClosure.UserNamespaces : SysctlClosure.None,
            "unprivileged users cannot create user namespaces, every user-namespace row is closed",
            "unprivileged users may create user namespaces (Debian's default, 1)"),
        Judge(MaxUserNamespaces, reader.Read(MaxUserNamespaces), v => v == "0" ? SysctlClosure.UserNamespaces : SysctlClosure.None,
            "no user namespace can be created, every user-namespace row is closed",
            "user namespaces can be created (0 would close every user-namespace row)"),
        Judge(AppArmorRestrictUserns, reader.Read(AppArmorRestrictUserns), v => v == "0" ? SysctlClosure.None : SysctlClosure.UserNamespaces,
            "AppArmor gives the user namespace of an unprivileged process no capabilities unless its profile allows userns: " +
            "user-namespace rows closed for unconfined processes",
            "AppArmor does not restrict unprivileged user namespaces"),
        Judge(ModulesDisabled, reader.Read(ModulesDisabled), v => v == "1" ? SysctlClosure.Everything : SysctlClosure.None,
            "no module can be loaded until reboot, every row is closed",
            "modules can be loaded"),
    ]);

    private static SysctlReading Judge(string name, string? value, Func<string, SysctlClosure> closes, string whenClosed, string whenOpen)
    {
        if (value is null) return new SysctlReading(name, null, SysctlClosure.None, "not present on this kernel");
        var closure = closes(value);
        return new SysctlReading(name, value, closure, closure == SysctlClosure.None ? whenOpen : whenClosed);
    }

    /// <summary>
    /// The settings (<c>name=value</c>) that close this row for an unprivileged user; empty when none does. Rows that need
    /// more than an unprivileged user can have are never closed here: the sysctls only take away what users had.
    /// </summary>
    public IReadOnlyList<string> Closing(ExposureRow row)
    {
        if (!row.ReachableUnprivileged) return [];
        var closing = new List<string>();
        foreach (var r in Readings)
        {
            var closes = r.Closes switch
            {
                SysctlClosure.Everything => true,
                SysctlClosure.UserNamespaces => row.PrivilegeFamily.Privilege == PrivilegeNeeded.UserNamespace,
                SysctlClosure.LineDisciplines => row.Request.StartsWith("tty-ldisc-", StringComparison.Ordinal),
                _ => false,
            };
            if (closes) closing.Add(r.Setting);
        }
        return closing;
    }
}
