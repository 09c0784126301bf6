using Modgate.Bpf;

namespace Modgate.Enforcement.Lock;

/// <summary>What the kernel says about the lock: read from the lock's frozen state map, the only source root cannot rewrite.</summary>
/// <param name="Unreadable">Why the state could not be read (then the lock must be assumed).</param>
public sealed record LockInfo(bool Locked, DateTimeOffset? Since, uint Generation, bool ModulesDisabled, string? Unreadable)
{
    public static readonly LockInfo NotLocked = new(false, null, 0, false, null);
}

public static class LockState
{
    public static LockInfo Read()
    {
        if (!File.Exists(LockPins.StatePath)) return FindById();
        try
        {
            using var map = BpfMap.OpenPinned(LockPins.StatePath);
            return Of(map);
        }
        catch (SyscallException e)
        {
            return new LockInfo(false, null, 0, false, $"{LockPins.StatePath} unreadable: {e.Message}");
        }
    }

    private static LockInfo Of(BpfMap map)
    {
        if (!map.TryLookup(0u, out MgLockState state) || (state.Flags & LockConstants.Locked) == 0) return LockInfo.NotLocked;
        return new LockInfo(true, DateTimeOffset.FromUnixTimeSeconds((long)state.LockedAt), state.Generation,
            (state.Flags & LockConstants.ModulesDisabled) != 0, null);
    }

    /// <summary>
    /// No pin where it should be: the bpffs may have been moved or mounted over (the lock cannot forbid moving /sys,
    /// switch_root does it). The kernel still has the lock's state map: look for it by id. Without CAP_SYS_ADMIN
    /// the ids cannot be walked, and a caller that weak cannot change the policy anyway.
    /// </summary>
    private static LockInfo FindById()
    {
        foreach (var id in BpfMap.AllIds())
        {
            try
            {
                using var map = BpfMap.FromId(id);
                if (map.Name == "mg_lock_state" && Of(map) is { Locked: true } found) return found;
            }
            catch (SyscallException)
            {
                // modgate's own maps refuse descriptors once locked; others may vanish while walking.
            }
        }
        return LockInfo.NotLocked;
    }
}

/// <summary>The one check `apply` and `disable` make before touching anything.</summary>
public static class LockGuard
{
    public const string Message = "policy is locked until reboot";

    /// <summary>Why the command must not go on, or null. An unreadable lock state counts as locked: fail closed.</summary>
    public static string? Refusal()
    {
        var info = LockState.Read();
        if (info.Locked) return $"{Message} (locked since {info.Since:u})";
        if (info.Unreadable is { } why) return $"{Message}? the lock state cannot be read ({why}); refusing";
        return null;
    }
}
