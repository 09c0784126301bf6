using System.Runtime.InteropServices;

namespace Modgate.Enforcement.Audit.Interop;

internal static partial class AuditLibc
{
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);
}
