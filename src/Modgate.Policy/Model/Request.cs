namespace Modgate.Policy;

/// <summary>
/// One request to judge, with everything the decision order of SPEC.md looks at.
/// </summary>
/// <param name="Verb">autoload, load or unload.</param>
/// <param name="RequestString">For autoload: the string the kernel asked modprobe for (e.g. <c>net-pf-5</c>); null otherwise.</param>
/// <param name="Modules">The module names this request is about, normalized (<c>-</c> written <c>_</c>): for autoload,
/// what the alias table resolves the request string to (may be empty); for load/unload, the one module.</param>
/// <param name="Origin">For load: who started it. Autoload requests always have origin autoload.</param>
/// <param name="Uid">The caller's uid in the initial user namespace.</param>
/// <param name="Capabilities">The capabilities the caller holds, effective, in the initial user namespace.</param>
/// <param name="Cgroup">The caller's cgroup v2 path, e.g. <c>/user.slice/user-1000.slice</c>.</param>
/// <param name="ProcessMode">The caller's own per-process mode for this verb (<c>modgate exec</c>).</param>
public sealed record Request(
    Verb Verb,
    string? RequestString,
    IReadOnlyList<string> Modules,
    Origin Origin,
    uint Uid,
    CapabilitySet Capabilities,
    string Cgroup,
    Mode ProcessMode)
{
    /// <summary>
    /// The kernel could not tell who asked (two different requesters of one request string within 10 s, or a kernel
    /// thread's request it cannot attribute; or the fallback's modprobe gate, which never knows). Such a request is
    /// judged as unprivileged: no capabilities, whatever <see cref="Capabilities"/> holds, and it fails closed on who
    /// asked: a rule keyed on uid=, cap= or cgroup= matches it exactly when the rule denies, and a grant keyed on them
    /// never does (SPEC.md §2 "Who asked"; keys_match in bpf/mg_decide.h).
    /// </summary>
    public bool UnknownRequester { get; init; }

    /// <summary>The capabilities the decision may count: none for an unknown requester.</summary>
    public CapabilitySet EffectiveCapabilities => UnknownRequester ? CapabilitySet.None : Capabilities;

    public static Request Autoload(string request, IReadOnlyList<string> resolvedModules, uint uid = 0,
        CapabilitySet capabilities = default, string cgroup = "/", Mode processMode = Mode.Classic) =>
        new(Verb.Autoload, request, resolvedModules, Origin.Autoload, uid, capabilities, cgroup, processMode);

    public static Request Load(string module, Origin origin = Origin.Explicit, uint uid = 0,
        CapabilitySet capabilities = default, string cgroup = "/", Mode processMode = Mode.Classic) =>
        new(Verb.Load, null, [ModuleName.Normalize(module)], origin, uid, capabilities, cgroup, processMode);

    public static Request Unload(string module, uint uid = 0, CapabilitySet capabilities = default,
        string cgroup = "/", Mode processMode = Mode.Classic) =>
        new(Verb.Unload, null, [ModuleName.Normalize(module)], Origin.Explicit, uid, capabilities, cgroup, processMode);
}
