namespace Modgate.Policy;

/// <summary>A parsed policy: the directives of every file that made it, in the order they apply.</summary>
public sealed record PolicyDocument(EquatableArray<Directive> Directives, EquatableArray<string> Files)
{
    public static PolicyDocument Empty { get; } = new(new EquatableArray<Directive>([]), new EquatableArray<string>([]));

    public IEnumerable<RuleDirective> Rules => Directives.OfType<RuleDirective>();

    public IEnumerable<GrantDirective> Grants => Directives.OfType<GrantDirective>();
}
