using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Enforcement;
using Modgate.Enforcement.Lock;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate lock`: freeze the policy in force until reboot, even against root (docs/security.md). Also holds the one
/// check `apply` and `disable` make, and the lines `status` prints about the lock.
/// </summary>
internal static class LockCommand
{
    public static Command Create()
    {
        var command = new Command("lock",
            "Freeze the policy in force until reboot: no change, no detach, no unload of modgate's programs, even by root " +
            "(with `load off`, also kernel.modules_disabled=1). Idempotent. Needs root.");
        command.SetAction(result => Run(result.GetValue(GlobalOptions.Quiet), result.GetValue(GlobalOptions.Json)));
        return command;
    }

    /// <summary>Locks the policy in force.</summary>
    internal static int Run(bool quiet, bool json = false)
    {
        if (!Environment.IsPrivilegedProcess)
            return CommandErrors.Fail("lock", "permission denied: needs root (CAP_SYS_ADMIN and CAP_BPF)", ExitCodes.PermissionDenied);
        try
        {
            var outcome = PolicyLock.Lock(DateTimeOffset.UtcNow);
            if (json)
                Console.WriteLine(JsonSerializer.Serialize(new LockJson(1, true, outcome.AlreadyLocked, outcome.Since.ToString("O"), outcome.Programs,
                    outcome.Maps, outcome.Links, outcome.Pins, outcome.ModulesDisabled,
                    [.. SelfProtections.OfThisSystem(LockState.Read()).Select(p => new ProtectionJson(p.Name, p.Active, p.Detail))]),
                    LockJsonContext.Default.LockJson));
            else if (!quiet)
                Console.WriteLine($"modgate: {Summary(outcome)}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            // "lock" also when `apply` locks for the policy's lock directive: the line says which step failed.
            return CommandErrors.Fail("lock", e);
        }
    }

    /// <summary>What a lock did, in one line (after "modgate: "); `apply` prints it for the `lock` directive.</summary>
    internal static string Summary(LockOutcome outcome) => outcome.AlreadyLocked
        ? $"already locked since {outcome.Since:u}; nothing changed"
        : $"policy locked until reboot ({outcome.Programs} programs, {outcome.Maps} maps, {outcome.Links} links, " +
          $"{outcome.Pins} pins and directories protected{(outcome.ModulesDisabled ? "; kernel.modules_disabled=1" : "")})";

    /// <summary>True (after saying why on stderr) when COMMAND must not run because the policy is locked.</summary>
    internal static bool RefusedBecauseLocked(string command)
    {
        if (LockGuard.Refusal() is not { } why) return false;
        Console.Error.WriteLine(CommandErrors.Line(command, why));
        return true;
    }

    /// <summary>The lock's lines of `status`.</summary>
    internal static IEnumerable<string> StatusLines()
    {
        var info = LockState.Read();
        if (info.Unreadable is { } why)
        {
            yield return $"locked: unknown ({why})";
            yield break;
        }
        if (!info.Locked)
        {
            yield return "locked: no";
            yield break;
        }
        yield return $"locked: yes (since {info.Since:u}, policy generation {info.Generation}; until reboot)";
        var protections = SelfProtections.OfThisSystem(info);
        foreach (var p in protections.Where(p => p.Active)) yield return $"  protected: {p.Name}: {p.Detail}";
        foreach (var p in protections.Where(p => !p.Active)) yield return $"  not protected: {p.Name}: {p.Detail}";
    }
}
