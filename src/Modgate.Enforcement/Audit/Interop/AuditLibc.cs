namespace Modgate.Enforcement.Audit.Interop;

/// <summary>
/// The libc calls the audit log needs and .NET does not offer (O_APPEND writes, CLOCK_BOOTTIME): FileMode.Append opens without O_APPEND
/// (it seeks once, then pwrite()s at its own offset), which lets two writers overwrite each other's lines.
/// One file per function; nothing above this layer sees a raw descriptor.
/// </summary>
internal static partial class AuditLibc
{
    internal const string Library = "libc.so.6";

    internal const int O_WRONLY = 0x1;
    internal const int O_CREAT = 0x40;
    internal const int O_APPEND = 0x400;
    internal const int O_CLOEXEC = 0x80000;
}
