using Modgate.Bpf;
using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Lock;

/// <summary>Where `modgate lock` pins its own objects: inside modgate's directory, so the lock guards them as well.</summary>
public static class LockPins
{
    public static readonly string Root = Path.Combine(BpfPins.Root, "lock");
    public static readonly string Maps = Path.Combine(Root, "maps");
    public static readonly string Links = Path.Combine(Root, "links");

    /// <summary>The lock's tables: read-only to programs and frozen, so a descriptor to them gives nothing away.</summary>
    public static readonly IReadOnlyList<string> MapNames = [LockObject.Maps.State, LockObject.Maps.Ids, LockObject.Maps.Inodes];

    public static string MapPath(string map) => Path.Combine(Maps, map);

    public static string LinkPath(string program) => Path.Combine(Links, program);

    public static string StatePath => MapPath(LockObject.Maps.State);

    /// <summary>Every lock program, the hook it sits on, and the attack it stops.</summary>
    public static readonly IReadOnlyList<(string Program, string Hook, string Stops)> Programs =
    [
        (LockObject.Programs.Bpf, "bpf", "new descriptors by id (BPF_PROG/MAP/LINK_GET_FD_BY_ID) to modgate's programs, maps and links, and new programs that could skip modgate's (freplace, fmod_ret, LSM programs on its hooks)"),
        (LockObject.Programs.BpfMap, "bpf_map", "new descriptors to modgate's maps (by id or pin; a new program could write them through one)"),
        (LockObject.Programs.BpfProg, "bpf_prog", "new descriptors to modgate's programs (freplace needs one as its target)"),
        (LockObject.Programs.InodePermission, "inode_permission", "BPF_OBJ_GET of the pins (links and maps)"),
        (LockObject.Programs.InodeUnlink, "inode_unlink", "unpinning (rm) a link or map"),
        (LockObject.Programs.InodeRmdir, "inode_rmdir", "removing modgate's bpffs directories"),
        (LockObject.Programs.InodeRename, "inode_rename", "moving a pin away or renaming something over it (mv)"),
        (LockObject.Programs.InodeLink, "inode_link", "hard links to the pins"),
        (LockObject.Programs.SbUmount, "sb_umount", "unmounting the bpffs that holds the pins (drops every link)"),
        (LockObject.Programs.SbMount, "sb_mount", "mounting over the bpffs (hides the pins, and the lock, from modgate)"),
        (LockObject.Programs.FileOpen, "file_open", "writes to kernel.modprobe (the helper every autoload runs) and kernel.ftrace_enabled (0 stops every BPF program)"),
    ];
}
