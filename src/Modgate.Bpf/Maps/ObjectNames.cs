namespace Modgate.Bpf;

// The names the BPF C sources give their maps and programs, as a libbpf skeleton would: libbpf finds them by these
// names and modgate pins them under these names. Nothing else in C# spells an "mg_…" name; EmbeddedObjectTests checks
// that each is in its embedded object.

/// <summary>The maps and programs of modgate.bpf.c.</summary>
public static class ModgateObject
{
    public static class Maps
    {
        public const string State = "mg_state";
        public const string Config = "mg_config";
        public const string Rules = "mg_rules";
        public const string Grants = "mg_grants";
        public const string Literal = "mg_literal";
        public const string Prefix = "mg_prefix";
        public const string Cgroups = "mg_cgroups";
        public const string Counters = "mg_counters";
        public const string Events = "mg_events";
        public const string ModuleFiles = "mg_module_files";
        /// <summary>Task storage: absent from the reduced object.</summary>
        public const string Tasks = "mg_tasks";

        /// <summary>The maps user space touches (the programs' own scratch maps are not pinned).</summary>
        public static readonly IReadOnlyList<string> All =
            [State, Config, Rules, Grants, Literal, Prefix, Cgroups, Counters, Tasks, Events, ModuleFiles];
    }

    public static class Programs
    {
        public const string ModuleRequest = "mg_module_request";
        public const string PostReadFile = "mg_post_read_file";
        public const string PostLoadData = "mg_post_load_data";
        public const string Capable = "mg_capable";
        public const string TaskAlloc = "mg_task_alloc";
        public const string BprmCommittedCreds = "mg_bprm_committed_creds";
        public const string TaskPrctl = "mg_task_prctl";

        public static readonly IReadOnlyList<string> All =
            [ModuleRequest, PostReadFile, PostLoadData, Capable, TaskAlloc, BprmCommittedCreds, TaskPrctl];
    }
}

/// <summary>The maps and programs of modgate_lock.bpf.c.</summary>
public static class LockObject
{
    public static class Maps
    {
        public const string State = "mg_lock_state";
        public const string Ids = "mg_lock_ids";
        public const string Inodes = "mg_lock_inodes";
        /// <summary>The pins' bpffs mount as mg_lock_file_open saw it: written by a program, so never pinned.</summary>
        public const string Anchor = "mg_lock_anchor";

        public static readonly IReadOnlyList<string> All = [State, Ids, Inodes, Anchor];
    }

    public static class Programs
    {
        public const string Bpf = "mg_lock_bpf";
        public const string BpfMap = "mg_lock_bpf_map";
        public const string BpfProg = "mg_lock_bpf_prog";
        public const string InodePermission = "mg_lock_inode_permission";
        public const string InodeUnlink = "mg_lock_inode_unlink";
        public const string InodeRmdir = "mg_lock_inode_rmdir";
        public const string InodeRename = "mg_lock_inode_rename";
        public const string InodeLink = "mg_lock_inode_link";
        public const string SbUmount = "mg_lock_sb_umount";
        public const string SbMount = "mg_lock_sb_mount";
        public const string FileOpen = "mg_lock_file_open";

        public static readonly IReadOnlyList<string> All =
            [Bpf, BpfMap, BpfProg, InodePermission, InodeUnlink, InodeRmdir, InodeRename, InodeLink, SbUmount, SbMount, FileOpen];
    }
}
