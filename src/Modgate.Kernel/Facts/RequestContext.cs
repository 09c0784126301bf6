namespace Modgate.Kernel;

/// <summary>
/// Where the kernel makes a family's requests (the <c>context</c> column of data/request-families.tsv; the method is in
/// tools/request-sites/README.md). Everything but <see cref="Caller"/> runs outside the requesting task's own system call.
/// </summary>
[Flags]
public enum RequestContext : byte
{
    /// <summary>In the system call of the task that asked (the task the kernel acts for is the one running).</summary>
    Caller = 1,
    /// <summary>A kernel thread the kernel started, often on a user's behalf (cryptomgr_probe).</summary>
    Kthread = 2,
    /// <summary>A work item run by a kworker.</summary>
    Workqueue = 4,
    /// <summary>A timer, tasklet, RCU or softirq callback.</summary>
    Softirq = 8,
    /// <summary>A helper process the kernel started (call_usermodehelper), before or while it executes its program.</summary>
    UsermodeHelper = 16,
    /// <summary>Init code: at boot, or a module's init in the process that loads it.</summary>
    Boot = 32,
}

/// <summary>The words of the <c>context</c> column, in their fixed order.</summary>
public static class RequestContexts
{
    private static readonly (RequestContext Flag, string Word)[] Words =
    [
        (RequestContext.Caller, "caller"), (RequestContext.Kthread, "kthread"), (RequestContext.Workqueue, "workqueue"),
        (RequestContext.Softirq, "softirq"), (RequestContext.UsermodeHelper, "usermode-helper"), (RequestContext.Boot, "boot"),
    ];

    /// <summary>Comma-separated words; null when empty, unknown or repeated.</summary>
    public static RequestContext? Parse(string text)
    {
        RequestContext result = 0;
        foreach (var word in text.Split(','))
        {
            var match = Array.FindIndex(Words, w => w.Word == word);
            if (match < 0 || (result & Words[match].Flag) != 0) return null;
            result |= Words[match].Flag;
        }
        return result == 0 ? null : result;
    }

    /// <summary>The words of a set, caller first.</summary>
    public static IReadOnlyList<string> Names(RequestContext context) =>
        [.. Words.Where(w => (context & w.Flag) != 0).Select(w => w.Word)];

    /// <summary>The kernel makes some of these requests outside the requesting task's own system call.</summary>
    public static bool OutsideCaller(RequestContext context) => (context & ~RequestContext.Caller) != 0;
}
