namespace Modgate.Cli.Commands;

/// <summary>Exit codes of SPEC.md §1; scripts depend on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageOrPolicyError = 2;
    public const int KernelLacksFeature = 3;
    public const int PermissionDenied = 4;
    public const int Locked = 5;
}
