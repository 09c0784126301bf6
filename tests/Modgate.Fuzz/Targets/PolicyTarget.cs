using Modgate.Policy;

namespace Modgate.Fuzz;

/// <summary>
/// Policy text through every stage the CLI runs it through: UTF-8 lines, lexer, parser, validator (with a small
/// kernel tree's names, for the did-you-mean path), and for a policy without errors the compiler, the evaluator on a
/// few requests, and the printer, whose canonical text must parse back to as many directives without an error.
/// Documented outcome: diagnostics; no exception.
/// </summary>
internal sealed class PolicyTarget : FuzzTarget
{
    private static readonly HashSet<string> KnownModules = ["n_hdlc", "ext4", "vfat", "nf_tables", "nls_utf8", "dm_crypt"];

    public override string Name => "policy";

    public override IReadOnlyList<string> Tokens =>
    [
        "version", "1", "autoload", "load", "unload", "grant", "allow", "deny", "audit", "default", "enforcement", "lock",
        "classic", "privileged", "off", "enforce", "complain", "module=", "request=", "origin=", "uid=", "cap=", "cgroup=",
        "explicit", "CAP_SYS_MODULE", "cap_net_admin", "netdev-*", "nf_*", "n-hdlc", "[a-f]", "[!-]", "\\*",
        "0", "4294967294", "4294967295", "99999999999", "0-60000", "5-1", "/user.slice/*",
    ];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) =>
    [
        .. Directory.GetFiles(files.InRepository("examples"), "*.conf").Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
        """
        version 1
        autoload privileged
        load off
        unload classic
        grant netdev-*,tty-ldisc-[0-9]* cap=CAP_NET_ADMIN uid=1000-2000 cgroup=/system.slice/*
        allow module=ext4,vfat,nls_* origin=explicit
        audit request=net-pf-* uid=1000
        deny unload module=dm-crypt cap=CAP_SYS_ADMIN
        deny module=n_hdlc
        deny module=n_hdlc   # shadowed
        default deny
        enforcement complain
        lock
        """u8.ToArray(),
    ];

    protected override string Execute(byte[] input)
    {
        var diagnostics = new List<Diagnostic>();
        var directives = PolicyParser.Parse("fuzz.conf", input, diagnostics);
        var document = new PolicyDocument(new EquatableArray<Directive>([.. directives]), new EquatableArray<string>(["fuzz.conf"]));
        diagnostics.AddRange(PolicyValidator.Validate(document, KnownModules));
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (errors.Count > 0) return "error:" + Outcome.Head(errors[0].Message);

        var compiled = PolicyCompiler.Compile(document);
        foreach (var request in Requests(document)) compiled.Decide(request);
        var printed = PolicyPrinter.Print(document);
        var again = new List<Diagnostic>();
        var reparsed = PolicyParser.Parse("printed.conf", printed, again);
        Check(!again.Any(d => d.Severity == Severity.Error) && reparsed.Count == directives.Count,
            $"the printed policy does not parse back: {string.Join("; ", again)}\n{printed}");
        return $"ok:{directives.Count switch { 0 => "0", < 4 => "few", _ => "many" }}:" +
            string.Join(",", directives.Select(d => d.GetType().Name).Distinct().Order(StringComparer.Ordinal)) +
            (diagnostics.Count > 0 ? ":" + Outcome.Head(diagnostics[0].Message) : "");
    }

    /// <summary>Requests for each verb, named after the first patterns of the policy so that rules can match them.</summary>
    private static IEnumerable<Request> Requests(PolicyDocument document)
    {
        var names = document.Rules.SelectMany(r => (r.Modules ?? default).Concat(r.Requests ?? default)).Take(4)
            .Select(p => p.Text).Append("n_hdlc").Append("net-pf-5");
        foreach (var name in names)
        {
            yield return Request.Autoload(name, [ModuleName.Normalize(name)], uid: 1000, capabilities: CapabilitySet.Of(CapabilitySet.NetAdmin), cgroup: "/user.slice/x");
            yield return Request.Load(name, Origin.Autoload, uid: 0, capabilities: CapabilitySet.All);
            yield return Request.Unload(name, uid: 1500, processMode: Mode.Off);
        }
    }
}
