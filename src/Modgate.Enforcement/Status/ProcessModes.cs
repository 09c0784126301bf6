using Modgate.Bpf;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.BpfLsm;
using Modgate.Policy;

namespace Modgate.Enforcement.Status;

/// <summary>A process's own modes (BPF task storage of its main thread).</summary>
public sealed record ProcessModeState(int Pid, Mode Autoload, Mode Load, Mode Unload, bool OriginAutoload);

/// <summary>
/// Reads and raises per-process modes through the pinned task storage map. The reduced BPF object (kernels before
/// 5.11) has none: then both throw <see cref="UnsupportedKernelException"/> saying so.
/// </summary>
public static class ProcessModes
{
    public static ProcessModeState Read(int pid)
    {
        using var tasks = OpenTasks();
        return tasks.TryLookupTask(pid, out MgTask t)
            ? new ProcessModeState(pid, PolicyKernelCodes.ModeOf(t.Mode[(int)KernelVerb.Autoload]), PolicyKernelCodes.ModeOf(t.Mode[(int)KernelVerb.Load]),
                PolicyKernelCodes.ModeOf(t.Mode[(int)KernelVerb.Unload]), (t.Flags & MapConstants.TaskOriginAutoload) != 0)
            : new ProcessModeState(pid, Mode.Classic, Mode.Classic, Mode.Classic, false);
    }

    /// <summary>
    /// Raises the modes of a process and of its descendants present now (never lowers one). Returns the pids changed.
    /// Only each process's main thread is reached (a pidfd names a thread group leader); new children inherit.
    /// </summary>
    public static IReadOnlyList<int> Raise(int pid, Mode? autoload, Mode? load)
    {
        using var tasks = OpenTasks();
        var changed = new List<int>();
        foreach (var p in Tree(pid))
        {
            MgTask value;
            try
            {
                if (!tasks.TryLookupTask(p, out value)) value = default;
            }
            catch (SyscallException e) when (e.Errno == Errno.ESRCH && p != pid) { continue; } // exited meanwhile
            Raise(ref value.Mode[(int)KernelVerb.Autoload], autoload);
            Raise(ref value.Mode[(int)KernelVerb.Load], load);
            try
            {
                tasks.UpdateTask(p, value);
                changed.Add(p);
            }
            catch (SyscallException e) when (e.Errno == Errno.ESRCH && p != pid) { }
        }
        return changed;
    }

    // Modes are ordered by their kernel codes (a higher one is stricter), as the programs compare them: never lower one.
    private static void Raise(ref byte mode, Mode? wanted)
    {
        if (wanted is { } m && (byte)PolicyKernelCodes.ToKernel(m) > mode) mode = (byte)PolicyKernelCodes.ToKernel(m);
    }

    private static BpfMap OpenTasks()
    {
        var path = BpfPins.MapPath(ModgateObject.Maps.Tasks);
        if (BpfLsmBackend.IsApplied && !File.Exists(path))
            throw new UnsupportedKernelException("per-process modes", ObjectLosses.ProcessModesHere());
        return BpfMap.OpenPinned(path);
    }

    private static IEnumerable<int> Tree(int pid)
    {
        var queue = new Queue<int>([pid]);
        var seen = new HashSet<int>();
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            if (!seen.Add(p)) continue;
            yield return p;
            var taskDir = $"/proc/{p}/task";
            if (!Directory.Exists(taskDir)) continue;
            foreach (var thread in Directory.EnumerateDirectories(taskDir))
            {
                var children = Path.Combine(thread, "children");
                string text;
                try { text = File.ReadAllText(children); } catch (IOException) { continue; }
                foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(child, out var c)) queue.Enqueue(c);
            }
        }
    }
}
