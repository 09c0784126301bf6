using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>BPF_OBJ_GET_INFO_BY_FD: fills struct bpf_prog_info / bpf_map_info / bpf_link_info up to length bytes.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_obj_get_info_by_fd", SetLastError = true)]
    internal static partial int ObjGetInfoByFd(FileDescriptorHandle fd, [In, Out] byte[] info, ref uint length);
}
