using System.Runtime.InteropServices;
using System.Text;
using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>
/// A BPF object file opened by libbpf: its programs and maps. <see cref="Load"/> creates the maps and asks the
/// verifier to accept every program. Disposing closes it; what was pinned or attached through a pinned link stays.
/// </summary>
public sealed unsafe class BpfObject : IDisposable
{
    private readonly BpfObjectHandle _handle;

    private BpfObject(BpfObjectHandle handle) => _handle = handle;

    /// <summary>modgate's own programs (one of the two builds of modgate.bpf.c), embedded in this assembly at build time.</summary>
    public static BpfObject OpenEmbedded(BpfObjectVariant variant = BpfObjectVariant.Full)
    {
        var resource = BpfObjectChoice.ResourceName(variant);
        using var stream = typeof(BpfObject).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the BPF object {resource} is not embedded in Modgate.Bpf (build problem)");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Open(bytes, "modgate");
    }

    /// <summary>Opens an ELF BPF object from memory; libbpf copies what it needs, so the buffer may go.</summary>
    public static BpfObject Open(ReadOnlySpan<byte> elf, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* data = elf)
        fixed (byte* namePointer = nameBytes)
        {
            var options = new LibBpf.ObjectOpenOptions
            {
                Size = (nuint)sizeof(LibBpf.ObjectOpenOptions),
                ObjectName = namePointer,
                KernelLogLevel = VerifierStats.Requested ? LibBpf.LogStats : 0,
            };
            var pointer = LibBpf.ObjectOpenMem(data, (nuint)elf.Length, &options);
            if (pointer == 0) throw SyscallException.FromErrno($"bpf_object__open_mem({name})");
            return new BpfObject(new BpfObjectHandle(pointer));
        }
    }

    /// <summary>Creates the maps and loads every program; the verifier's refusal comes back as <see cref="VerifierException"/>.</summary>
    public void Load()
    {
        using var log = LibbpfLog.Begin(withDebug: VerifierStats.Requested);
        var result = LibBpf.ObjectLoad(_handle);
        if (VerifierStats.Requested)
            VerifierStats.Report(log.Text);
        if (result < 0)
            throw new VerifierException((Errno)(-result), log.Text);
    }

    /// <summary>
    /// Before <see cref="Load"/>: turns every lsm/HOOK program into an fmod_ret program on security_HOOK (fentry where
    /// that function returns void), for kernels where BPF LSM is built in but not in the active LSM list.
    /// </summary>
    public void AttachToSecurityFunctions()
    {
        for (var program = LibBpf.ObjectNextProgram(_handle, 0); program != 0; program = LibBpf.ObjectNextProgram(_handle, program))
        {
            var section = Marshal.PtrToStringUTF8(LibBpf.ProgramSectionName(program)) ?? "";
            var name = Marshal.PtrToStringUTF8(LibBpf.ProgramName(program)) ?? "?";
            if (!section.StartsWith("lsm/", StringComparison.Ordinal))
                throw new InvalidOperationException($"BPF program {name} is in section '{section}', not lsm/HOOK: it cannot be attached to a security_ function");
            var hook = section["lsm/".Length..];
            var attachType = HookAttachments.VoidHooks.Contains(hook) ? LibBpf.AttachTraceFentry : LibBpf.AttachModifyReturn;
            Check(LibBpf.ProgramSetType(program, LibBpf.ProgTypeTracing), $"bpf_program__set_type({name})");
            Check(LibBpf.ProgramSetExpectedAttachType(program, attachType), $"bpf_program__set_expected_attach_type({name})");
            Check(LibBpf.ProgramSetAttachTarget(program, 0, "security_" + hook), $"bpf_program__set_attach_target({name}, security_{hook})");
        }

        static void Check(int result, string what)
        {
            if (result < 0) throw SyscallException.FromResult(what, result);
        }
    }

    public bool HasProgram(string name) => LibBpf.ObjectFindProgramByName(_handle, name) != 0;

    public bool HasMap(string name) => LibBpf.ObjectFindMapByName(_handle, name) != 0;

    /// <summary>Before <see cref="Load"/>: leave this map uncreated (programs that use it then fail to load).</summary>
    public void SkipMap(string name)
    {
        var pointer = LibBpf.ObjectFindMapByName(_handle, name);
        if (pointer == 0) throw new KeyNotFoundException($"no BPF map '{name}' in the object");
        var result = LibBpf.MapSetAutocreate(pointer, false);
        if (result < 0) throw SyscallException.FromResult($"bpf_map__set_autocreate({name})", result);
    }

    public BpfProgram Program(string name)
    {
        var pointer = LibBpf.ObjectFindProgramByName(_handle, name);
        if (pointer == 0) throw new KeyNotFoundException($"no BPF program '{name}' in the object");
        return new BpfProgram(this, pointer, name);
    }

    /// <summary>A map of this object; its descriptor is the object's (valid while the object is open, after Load), and
    /// the map keeps the object alive while it is used.</summary>
    public BpfMap Map(string name)
    {
        var pointer = LibBpf.ObjectFindMapByName(_handle, name);
        if (pointer == 0) throw new KeyNotFoundException($"no BPF map '{name}' in the object");
        var fd = LibBpf.MapFd(pointer);
        if (fd < 0) throw SyscallException.FromResult($"bpf_map__fd({name})", fd);
        return new BpfMap(new FileDescriptorHandle(fd, ownsHandle: false), name, this);
    }

    internal void KeepAlive() => GC.KeepAlive(_handle);

    public void Dispose() => _handle.Dispose();
}
