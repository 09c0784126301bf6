using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Modgate.Enforcement.Audit.Interop;

internal static partial class AuditLibc
{
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeFileHandle fd, ReadOnlySpan<byte> buffer, nuint count);
}
