using Modgate.Bpf.Interop;

namespace Modgate.Bpf.Kernel;

/// <summary>Type ids of the running kernel's BTF, as the bpf() syscall names attach targets.</summary>
public static class KernelBtf
{
    private const uint KindFunc = 12; // BTF_KIND_FUNC

    /// <summary>The BTF ids of the kernel functions named; a name the kernel lacks is an error (its hook could not be guarded).</summary>
    public static IReadOnlyDictionary<string, uint> FunctionIds(IEnumerable<string> names)
    {
        var btf = LibBpf.BtfLoadVmlinux();
        if (btf == 0) throw SyscallException.FromErrno("btf__load_vmlinux_btf");
        try
        {
            var ids = new Dictionary<string, uint>();
            foreach (var name in names)
            {
                var id = LibBpf.BtfFindByNameKind(btf, name, KindFunc);
                if (id <= 0) throw SyscallException.FromResult($"btf__find_by_name_kind({name})", id);
                ids[name] = (uint)id;
            }
            return ids;
        }
        finally
        {
            LibBpf.BtfFree(btf);
        }
    }
}
