using Modgate.Bpf;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>Where modgate pins its kernel objects (SPEC.md §4), and what it pins.</summary>
public static class BpfPins
{
    public const string Root = "/sys/fs/bpf/modgate";
    public static readonly string Maps = Path.Combine(Root, "maps");
    public static readonly string Links = Path.Combine(Root, "links");

    /// <summary>Every program, with the hook it guards and what is lost without it.</summary>
    public static readonly IReadOnlyList<(string Program, string Hook, string Guards)> Programs =
    [
        (ModgateObject.Programs.ModuleRequest, "kernel_module_request", "autoload decisions"),
        (ModgateObject.Programs.PostReadFile, "kernel_post_read_file", "finit_module decisions by the name inside the module"),
        (ModgateObject.Programs.PostLoadData, "kernel_post_load_data", "init_module decisions by the name inside the module"),
        (ModgateObject.Programs.Capable, "capable", "unload decisions"),
        (ModgateObject.Programs.TaskAlloc, "task_alloc", "inheritance of per-process modes"),
        (ModgateObject.Programs.BprmCommittedCreds, "bprm_committed_creds", "origin=autoload for the kernel's modprobe"),
        (ModgateObject.Programs.TaskPrctl, "task_prctl", "modgate exec (setting per-process modes)"),
    ];

    /// <summary>The maps user space opens again after apply.</summary>
    public static readonly IReadOnlyList<string> PinnedMaps = ModgateObject.Maps.All;

    /// <summary>The audit ring buffer: the agent opens it again after a restart, also after lock.</summary>
    public const string EventsMap = ModgateObject.Maps.Events;

    /// <summary>
    /// Maps that can still be opened read-only after lock: those no program can write (read-only to programs, frozen
    /// by the lock) and the counters, which `status` reports. Task modes and the scratch maps stay closed: a program
    /// loaded later could write them through any descriptor.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadOnlyAfterLock =
        [ModgateObject.Maps.State, ModgateObject.Maps.Config, ModgateObject.Maps.Rules, ModgateObject.Maps.Grants, ModgateObject.Maps.Literal,
         ModgateObject.Maps.Prefix, ModgateObject.Maps.Cgroups, ModgateObject.Maps.Counters, ModgateObject.Maps.ModuleFiles];

    public static string MapPath(string map) => Path.Combine(Maps, map);

    public static string LinkPath(string program) => Path.Combine(Links, program);

    /// <summary>Where `apply` records what it applied (digest, files, generation) for `status`.</summary>
    public const string AppliedRecord = "/run/modgate/applied";

    /// <summary>Where `apply` keeps the text of the policy it put in force (read by `exposure` when no policy is given).</summary>
    public const string AppliedPolicy = "/run/modgate/policy.conf";
}
