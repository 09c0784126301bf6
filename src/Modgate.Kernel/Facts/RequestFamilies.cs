using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>The reviewed request families (data/request-families.tsv), in table order: the first match decides.</summary>
public sealed class RequestFamilies
{
    private readonly RequestFamily[] _families;

    public RequestFamilies(IReadOnlyList<RequestFamily> families) => _families = [.. families];

    public IReadOnlyList<RequestFamily> All => _families;

    /// <summary>The kernel sources the table was reviewed from (every version of the kernels column).</summary>
    public IReadOnlyList<Version> Examined => [.. _families.SelectMany(f => f.Kernels).Distinct().Order()];

    /// <summary>
    /// The families a kernel of this release makes: those of the examined source it is judged by (see
    /// <see cref="KernelSeries.ReferenceFor"/>); every family when the release carries no version.
    /// </summary>
    public RequestFamilies ForKernel(string release)
    {
        var reference = KernelSeries.ReferenceFor(release, Examined);
        return reference is null ? this : new RequestFamilies([.. _families.Where(f => f.Kernels.Contains(reference))]);
    }

    public static RequestFamilies Bundled() => Parse(TsvTable.Embedded("request-families.tsv"));

    internal static RequestFamilies Parse(TsvTable table)
    {
        var families = new List<RequestFamily>();
        foreach (var row in table.Rows)
        {
            var privilege = table.Get(row, "privilege");
            var (kind, capability) = privilege switch
            {
                "none" => (PrivilegeNeeded.None, null),
                "device" => (PrivilegeNeeded.Device, null),
                "kernel" => (PrivilegeNeeded.Kernel, null),
                _ when privilege.StartsWith("userns:", StringComparison.Ordinal) => (PrivilegeNeeded.UserNamespace, privilege[7..]),
                _ when privilege.StartsWith("init:", StringComparison.Ordinal) => (PrivilegeNeeded.InitialNamespace, privilege[5..]),
                _ => throw new InvalidDataException($"{table.Name}: unknown privilege '{privilege}'"),
            };
            var family = table.Get(row, "family");
            var context = RequestContexts.Parse(table.Get(row, "context"))
                ?? throw new InvalidDataException($"{table.Name}: family {family}: bad context '{table.Get(row, "context")}'");
            var kernels = table.Get(row, "kernels").Split(',').Select(k => KernelSeries.Parse(k)
                ?? throw new InvalidDataException($"{table.Name}: family {family}: bad kernel '{k}'")).ToList();
            families.Add(new RequestFamily(family, new Glob(table.Get(row, "request_glob")), table.Get(row, "trigger"),
                kind, (string?)capability, table.Get(row, "checked"), table.Get(row, "sites"), table.Get(row, "note"),
                context, table.Get(row, "context_note"), kernels));
        }
        return new RequestFamilies(families);
    }

    /// <summary>The family of a request string, or null when no reviewed family covers it.</summary>
    public RequestFamily? Match(string request)
    {
        // An array loop: exposure asks this for every module name of the tree.
        foreach (var family in _families)
            if (family.Pattern.Matches(request)) return family;
        return null;
    }
}

/// <summary>A request whose alias the distribution disabled (data/disabled-aliases.tsv): it reaches modprobe, which finds nothing.</summary>
public sealed record DisabledAlias(string Request, string Module, string Site, string Note)
{
    public static IReadOnlyList<DisabledAlias> Bundled()
    {
        var table = TsvTable.Embedded("disabled-aliases.tsv");
        return table.Rows.Select(r => new DisabledAlias(table.Get(r, "request"), table.Get(r, "module"), table.Get(r, "site"), table.Get(r, "note"))).ToList();
    }
}
