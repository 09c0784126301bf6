using System.Diagnostics;

namespace Modgate.Fuzz;

/// <summary>What one run of a target found.</summary>
/// <param name="Inputs">Inputs executed (seeds included).</param>
/// <param name="Failures">Distinct failures (by kind and message head), each with the input that showed it.</param>
/// <param name="Outcomes">Distinct outcome labels seen: a rough measure of how much of the component was reached.</param>
/// <param name="Slowest">The most CPU time one input took.</param>
/// <param name="Hung">An input that had not finished after the hang limit: the run stopped there.</param>
public sealed record FuzzReport(string Target, long Inputs, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Failures, int Outcomes,
    TimeSpan Slowest, bool Hung)
{
    public override string ToString() =>
        $"{Target}: {Inputs} inputs in {Elapsed.TotalSeconds:F1} s, {Outcomes} distinct outcomes, slowest input {Slowest.TotalMilliseconds:F1} ms CPU, " +
        $"{Failures.Count} failure(s){(Hung ? " (hung)" : "")}";
}

/// <summary>A crash, hang, slow input or passed bound, and the input that caused it.</summary>
public sealed record FuzzFailure(string Kind, string Message, byte[] Input);

/// <summary>
/// The seeded engine: starts from the target's seeds, mutates a corpus entry per input, and keeps an input in the
/// corpus when it gives an outcome not seen before (a cheap stand-in for coverage). Input i depends only on the seed
/// and the inputs before it, so a run is reproducible. Each input's CPU time is measured; the loop runs on its own
/// thread so that an input that never returns is reported as a hang instead of stalling the caller.
/// </summary>
internal sealed class MutationFuzzer(FuzzTarget target, IReadOnlyList<byte[]> seeds, int seed)
{
    /// <summary>An input that takes more CPU time than this is a failure: every reader is linear or close to it on its inputs.</summary>
    public TimeSpan SlowLimit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Inputs run even when the time given is up, so that a slow machine still gives a run worth its name.</summary>
    public long MinimumInputs { get; init; }

    /// <summary>An input that has not returned after this much wall time is a hang (generous: the cores are shared).</summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(60);

    private const int MaxCorpus = 4096;
    private const int MaxFailures = 20;

    private long _inputs;
    private long _startedAt; // Stopwatch timestamp of the running input, 0 between inputs
    private byte[]? _current;
    private TimeSpan _slowest;

    public FuzzReport Run(long inputs, TimeSpan? duration = null)
    {
        var failures = new List<FuzzFailure>();
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        // The default stack size of a secondary thread (smaller than the CLI's main thread): deep recursion shows here first.
        var worker = new Thread(() => Loop(inputs, duration, failures, outcomes)) { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();
        var hangLimit = HangLimit;
        while (!worker.Join(100))
        {
            var started = Interlocked.Read(ref _startedAt);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > hangLimit && _current is { } input)
            {
                // The thread cannot be stopped; it is a background thread, so it does not keep the process alive.
                lock (failures)
                {
                    failures.Add(new FuzzFailure("hang", $"no result after {hangLimit.TotalSeconds} s", input));
                    return new FuzzReport(target.Name, Interlocked.Read(ref _inputs), clock.Elapsed, [.. failures], outcomes.Count, hangLimit, true);
                }
            }
        }
        return new FuzzReport(target.Name, _inputs, clock.Elapsed, failures, outcomes.Count, _slowest, false);
    }

    /// <summary>The same failure at the same place counts once: kind, message without the input's numbers, first frame.</summary>
    private static string Signature(FuzzFailure failure)
    {
        var lines = failure.Message.Split('\n');
        var frame = lines.Length > 1 ? lines[1].Split(" in ")[0].Trim() : "";
        return $"{failure.Kind}|{Outcome.Head(lines[0])}|{frame}";
    }

    private void Loop(long inputs, TimeSpan? duration, List<FuzzFailure> failures, HashSet<string> outcomes)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random, target.Tokens, target.IsElf, target.MaxInputLength);
        var corpus = new List<byte[]>(seeds.Select(s => s.Length > target.MaxInputLength ? s[..target.MaxInputLength] : s));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < inputs && (duration is null || clock.Elapsed < duration || i < MinimumInputs); i++)
        {
            var input = i < corpus.Count && i < seeds.Count ? corpus[(int)i] : mutator.Mutate(corpus[random.Next(corpus.Count)], corpus);
            _current = input;
            var started = Stopwatch.GetTimestamp();
            var cpuBefore = ThreadCpuClock.Now();
            Interlocked.Exchange(ref _startedAt, started);
            string? outcome = null;
            FuzzFailure? failure = null;
            try
            {
                outcome = target.Run(input);
            }
            catch (Exception e)
            {
                failure = new FuzzFailure(e is FuzzBoundException ? "bound" : "crash", $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}", input);
            }
            var elapsed = ThreadCpuClock.Now() - cpuBefore;
            Interlocked.Exchange(ref _startedAt, 0);
            Interlocked.Increment(ref _inputs);
            if (elapsed > _slowest) _slowest = elapsed;
            if (failure is null && elapsed > SlowLimit)
                failure = new FuzzFailure("slow", $"{elapsed.TotalMilliseconds:F0} ms of CPU for one input (limit {SlowLimit.TotalMilliseconds} ms)", input);
            if (failure is not null)
            {
                lock (failures)
                {
                    if (seen.Add(Signature(failure)) && failures.Count < MaxFailures) failures.Add(failure);
                }
                continue;
            }
            lock (failures)
            {
                if (!outcomes.Add(outcome!)) continue;
            }
            if (corpus.Count < MaxCorpus) corpus.Add(input);
            else corpus[random.Next(seeds.Count, MaxCorpus)] = input;
        }
    }
}
