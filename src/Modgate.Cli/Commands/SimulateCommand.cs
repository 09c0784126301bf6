using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Cli.Output;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>`modgate simulate VERB ARG …`: the decision the policy gives one request, and the rule that gave it.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var verb = new Argument<string>("VERB") { Description = "autoload, load or unload" };
        verb.AcceptOnlyFromAmong([.. PolicyWords.Verbs.Select(PolicyWords.Of)]);
        var target = new Argument<string>("ARG")
        {
            Description = "For autoload: the request string the kernel asks modprobe for (net-pf-5, tty-ldisc-13, fs-hfs…); " +
                          "for load/unload: the module name",
        };
        var uid = new Option<uint>("--uid") { Description = "Caller's uid (default 0)", HelpName = "N" };
        var caps = new Option<string[]>("--cap")
        {
            Description = "A capability the caller holds in the initial user namespace, e.g. CAP_NET_ADMIN (repeatable; 'all' for every one)",
            HelpName = "CAP",
        };
        var cgroup = new Option<string>("--cgroup") { Description = "Caller's cgroup v2 path (default /)", DefaultValueFactory = _ => "/", HelpName = "PATH" };
        var origin = new Option<string>("--origin")
        {
            Description = "For load: explicit (insmod/modprobe by a user, the default) or autoload (modprobe spawned by the kernel)",
            DefaultValueFactory = _ => PolicyWords.Of(Origin.Explicit),
        };
        origin.AcceptOnlyFromAmong(PolicyWords.Of(Origin.Explicit), PolicyWords.Of(Origin.Autoload));
        var processMode = new Option<string>("--process-mode")
        {
            Description = "Caller's per-process mode for this verb, as set by `modgate exec` (default classic)",
            DefaultValueFactory = _ => PolicyWords.Of(Mode.Classic),
        };
        processMode.AcceptOnlyFromAmong(PolicyWords.Of(Mode.Classic), PolicyWords.Of(Mode.Privileged), PolicyWords.Of(Mode.Off));
        var module = new Option<string[]>("--module")
        {
            Description = "For autoload: the module(s) the request resolves to, instead of resolving it with the kernel tree",
            HelpName = "NAME",
        };
        var unknownRequester = new Option<bool>("--unknown-requester")
        {
            Description = "Judge the request as the kernel judges one whose requester it cannot tell (two requesters of one " +
                          "request string within 10 s, an unattributed kernel thread): no capabilities; rules with uid=, cap= or " +
                          "cgroup= match only when they deny, grants with them never. Not with --uid, --cap, --cgroup",
        };

        var command = new Command("simulate",
            "Show the decision the policy gives one request and the rule (file:line) that gave it, without touching the kernel; " +
            "for an allowed autoload, also each module modprobe then loads (dependencies, softdeps), judged as a load with " +
            "origin=autoload and the requester's identity. " +
            "Example: modgate simulate autoload net-pf-5 --uid 1000 --policy examples/modautorestrict.conf")
        {
            verb, target, uid, caps, cgroup, origin, processMode, module, unknownRequester,
        };
        command.SetAction(result =>
        {
            var capabilities = ParseCapabilities(result.GetValue(caps) ?? []);
            if (capabilities is null) return ExitCodes.UsageOrPolicyError;
            var unknown = result.GetValue(unknownRequester);
            if (unknown && new Option[] { uid, caps, cgroup }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } given)
            {
                Console.Error.WriteLine(CommandErrors.Line("--unknown-requester", $"nobody knows who asked, so {given.Name} cannot be given with it"));
                return ExitCodes.UsageOrPolicyError;
            }
            // The command line accepted only vocabulary words (AcceptOnlyFromAmong), so each parses.
            var options = new SimulateOptions(
                PolicyWords.TryParse(result.GetValue(verb)!, out Verb parsedVerb) ? parsedVerb : throw new UnreachableException(),
                result.GetValue(target)!, result.GetValue(uid), capabilities.Value, result.GetValue(cgroup)!,
                PolicyWords.TryParse(result.GetValue(origin)!, out Origin parsedOrigin) ? parsedOrigin : throw new UnreachableException(),
                PolicyWords.TryParse(result.GetValue(processMode)!, out Mode parsedMode) ? parsedMode : throw new UnreachableException(),
                result.GetValue(module) ?? [], unknown);
            return Run(options, result.GetValue(GlobalOptions.Policy) ?? [], result.GetValue(GlobalOptions.KernelTree),
                result.GetValue(GlobalOptions.Json), result.GetValue(GlobalOptions.Quiet));
        });
        return command;
    }

    private sealed record SimulateOptions(Verb Verb, string Target, uint Uid, CapabilitySet Capabilities, string Cgroup,
        Origin Origin, Mode ProcessMode, string[] Modules, bool UnknownRequester);

    private static CapabilitySet? ParseCapabilities(IEnumerable<string> names)
    {
        var set = CapabilitySet.None;
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (name == "all") { set = CapabilitySet.All; continue; }
            if (!CapabilitySet.TryParseName(name, out var number))
            {
                Console.Error.WriteLine(CommandErrors.Line("--cap", $"unknown capability '{name}'{Suggestions.DidYouMean(name.ToUpperInvariant(), CapabilitySet.AllNames)}"));
                return null;
            }
            set = set.With(number);
        }
        return set;
    }

    private static int Run(SimulateOptions o, IReadOnlyList<string> policyPaths, string? kernelTree, bool json, bool quiet)
    {
        var loaded = PolicyInput.Load(policyPaths);
        if (loaded.HasErrors)
        {
            PolicyInput.PrintDiagnostics(loaded, quiet: false);
            return ExitCodes.UsageOrPolicyError;
        }
        var policy = PolicyCompiler.Compile(loaded.Document!);
        if (kernelTree is not null && !Directory.Exists(kernelTree))
        {
            Console.Error.WriteLine(CommandErrors.Line("--kernel-tree", $"no module tree at {kernelTree}"));
            return ExitCodes.UsageOrPolicyError;
        }
        var resolved = o.Verb != Verb.Autoload ? null
            : o.Modules.Length > 0 ? RequestResolution.Given(o.Target, [.. o.Modules.Select(ModuleName.Normalize)], kernelTree)
            : RequestResolution.Resolve(o.Target, kernelTree);
        var request = o.Verb switch
        {
            Verb.Autoload => Request.Autoload(o.Target, resolved!.Modules, o.Uid, o.Capabilities, o.Cgroup, o.ProcessMode),
            Verb.Load => Request.Load(o.Target, o.Origin, o.Uid, o.Capabilities, o.Cgroup, o.ProcessMode),
            _ => Request.Unload(o.Target, o.Uid, o.Capabilities, o.Cgroup, o.ProcessMode),
        } with { UnknownRequester = o.UnknownRequester };
        var decision = policy.Decide(request);
        // modprobe runs only for an autoload the kernel let through (complain mode included).
        var loads = decision.Verdict == Verdict.Allow && resolved?.Probes is { } probes ? AutoloadLoads.Judge(policy, request, probes) : null;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(ToJson(request, decision, policy, resolved, loads), PolicyJsonContext.Default.SimulateJson));
            return ExitCodes.Success;
        }
        using var output = new FittedWriter(Console.Out, Terminal.Stdout);
        DecisionText.Write(output, Terminal.Stdout, request, decision, policy, resolved?.Problem, quiet);
        if (!quiet && request.Verb == Verb.Autoload && decision.Verdict == Verdict.Allow)
            LoadsText.Write(output, loads, policy);
        return ExitCodes.Success;
    }

    private static SimulateJson ToJson(Request request, Decision decision, CompiledPolicy policy, ResolvedRequest? resolved,
        IReadOnlyList<ModuleOutcome>? loads) => new(
        1,
        PolicyWords.Of(request.Verb),
        request.RequestString,
        request.Modules,
        resolved?.Tree,
        resolved?.Problem,
        PolicyWords.Of(request.Origin),
        request.Uid,
        [.. request.Capabilities.ToNames()],
        request.Cgroup,
        PolicyWords.Of(request.ProcessMode),
        PolicyWords.Of(decision.Verdict),
        decision.DecisionWord,
        PolicyWords.Of(decision.Layer),
        decision.Source?.FileAndLine,
        [.. decision.Audits.Select(a => a.FileAndLine)],
        DecisionText.GrantWord(decision.Grant),
        policy.Digest,
        request.UnknownRequester,
        loads is null ? null : [.. loads.SelectMany(o => o.Loads).Select(LoadJson.From)],
        loads is null ? null : [.. loads.Where(o => !o.Loaded).Select(o => o.Probe.Module)]);
}
