using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Cli.Output;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>`modgate simulate VERB ARG …`: the decision the policy gives one request, and the rule that gave it.</summary>
internal static class SimulateCommand
{
    private static readonly string[] Verbs = ["autoload", "load", "unload"];

    public static Command Create()
    {
        var verb = new Argument<string>("VERB") { Description = "autoload, load or unload" };
        verb.AcceptOnlyFromAmong(Verbs);
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
            DefaultValueFactory = _ => "explicit",
        };
        origin.AcceptOnlyFromAmong("explicit", "autoload");
        var processMode = new Option<string>("--process-mode")
        {
            Description = "Caller's per-process mode for this verb, as set by `modgate exec` (default classic)",
            DefaultValueFactory = _ => "classic",
        };
        processMode.AcceptOnlyFromAmong("classic", "privileged", "off");
        var module = new Option<string[]>("--module")
        {
            Description = "For autoload: the module(s) the request resolves to, instead of resolving it with the kernel tree",
            HelpName = "NAME",
        };

        var command = new Command("simulate",
            "Show the decision the policy gives one request and the rule (file:line) that gave it, without touching the kernel. " +
            "Example: modgate simulate autoload net-pf-5 --uid 1000 --policy examples/modautorestrict.conf")
        {
            verb, target, uid, caps, cgroup, origin, processMode, module,
        };
        command.SetAction(result =>
        {
            var capabilities = ParseCapabilities(result.GetValue(caps) ?? []);
            if (capabilities is null) return ExitCodes.UsageOrPolicyError;
            var options = new SimulateOptions(
                result.GetValue(verb)!, result.GetValue(target)!, result.GetValue(uid), capabilities.Value, result.GetValue(cgroup)!,
                result.GetValue(origin) == "autoload" ? Origin.Autoload : Origin.Explicit,
                result.GetValue(processMode) switch { "off" => Mode.Off, "privileged" => Mode.Privileged, _ => Mode.Classic },
                result.GetValue(module) ?? []);
            return Run(options, result.GetValue(GlobalOptions.Policy) ?? [], result.GetValue(GlobalOptions.KernelTree),
                result.GetValue(GlobalOptions.Json), result.GetValue(GlobalOptions.Quiet));
        });
        return command;
    }

    private sealed record SimulateOptions(string Verb, string Target, uint Uid, CapabilitySet Capabilities, string Cgroup,
        Origin Origin, Mode ProcessMode, string[] Modules);

    private static CapabilitySet? ParseCapabilities(IEnumerable<string> names)
    {
        var set = CapabilitySet.None;
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (name == "all") { set = CapabilitySet.All; continue; }
            if (!CapabilitySet.TryParseName(name, out var number))
            {
                Console.Error.WriteLine($"modgate: --cap: unknown capability '{name}'{Suggestions.DidYouMean(name.ToUpperInvariant(), CapabilitySet.AllNames)}");
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
            Console.Error.WriteLine($"modgate: --kernel-tree: no module tree at {kernelTree}");
            return ExitCodes.UsageOrPolicyError;
        }
        var resolved = o.Verb != "autoload" ? null
            : o.Modules.Length > 0 ? new ResolvedRequest([.. o.Modules.Select(ModuleName.Normalize)], null, null)
            : RequestResolution.Resolve(o.Target, kernelTree);
        var request = o.Verb switch
        {
            "autoload" => Request.Autoload(o.Target, resolved!.Modules, o.Uid, o.Capabilities, o.Cgroup, o.ProcessMode),
            "load" => Request.Load(o.Target, o.Origin, o.Uid, o.Capabilities, o.Cgroup, o.ProcessMode),
            _ => Request.Unload(o.Target, o.Uid, o.Capabilities, o.Cgroup, o.ProcessMode),
        };
        var decision = policy.Decide(request);
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(ToJson(request, decision, policy, resolved), PolicyJsonContext.Default.SimulateJson));
        else
            DecisionText.Write(Console.Out, request, decision, policy, resolved?.Problem, quiet);
        return ExitCodes.Success;
    }

    private static SimulateJson ToJson(Request request, Decision decision, CompiledPolicy policy, ResolvedRequest? resolved) => new(
        1,
        PolicyPrinter.VerbWord(request.Verb),
        request.RequestString,
        request.Modules,
        resolved?.Tree,
        resolved?.Problem,
        request.Origin == Origin.Autoload ? "autoload" : "explicit",
        request.Uid,
        [.. request.Capabilities.ToNames()],
        request.Cgroup,
        PolicyPrinter.ModeWord(request.ProcessMode),
        decision.Verdict == Verdict.Allow ? "allow" : "deny",
        decision.DecisionWord,
        DecisionText.LayerWord(decision.Layer),
        decision.Source?.FileAndLine,
        [.. decision.Audits.Select(a => a.FileAndLine)],
        DecisionText.GrantWord(decision.Grant),
        policy.Digest);
}
