namespace Modgate.Fuzz;

/// <summary>
/// One component fed fuzzed bytes. <see cref="Run"/> returns normally for every input the component handles as
/// documented (a result, diagnostics, or its own error type) and throws for everything else: an exception of another
/// type, a broken invariant, or more allocation than the input can justify. Both engines (the seeded mutation run and
/// afl-fuzz through SharpFuzz) call <see cref="Run"/>, so they judge inputs alike.
/// </summary>
internal abstract class FuzzTarget
{
    public abstract string Name { get; }

    /// <summary>Real inputs to start from (files of the Debian tree, the repository's fixtures and examples).</summary>
    public abstract IReadOnlyList<byte[]> Seeds(SeedFiles files);

    /// <summary>Words of the input language the mutator inserts (afl-fuzz gets them as its dictionary).</summary>
    public virtual IReadOnlyList<string> Tokens => [];

    /// <summary>Whether the seeds are ELF images whose header fields the mutator may set.</summary>
    public virtual bool IsElf => false;

    /// <summary>Inputs are cut to this length: the readers are line or record based, so size adds time, not paths.</summary>
    public virtual int MaxInputLength => 64 << 10;

    /// <summary>
    /// The most one input may allocate on the managed heap: a fixed allowance plus a multiple of its length. Parsing
    /// text into strings, lists and diagnostics costs a constant factor; more means a blow-up the input did not pay for.
    /// </summary>
    public virtual long AllocationLimit(int inputLength) => (8L << 20) + 200L * inputLength;

    /// <summary>Runs one input. Returns a short label of what the component made of it (used to keep novel inputs).</summary>
    public string Run(byte[] input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = Execute(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var limit = AllocationLimit(input.Length);
        if (allocated > limit)
            throw new FuzzBoundException($"{Name}: {allocated} bytes allocated for an input of {input.Length} bytes (limit {limit})");
        return outcome;
    }

    /// <summary>Feeds the component; lets any exception that is not the component's documented error escape.</summary>
    protected abstract string Execute(byte[] input);

    /// <summary>An invariant of the component's result that must hold for every input.</summary>
    protected static void Check(bool condition, string what) => FuzzTargetChecks.Require(condition, what);
}

internal static class FuzzTargetChecks
{
    public static void Require(bool condition, string what)
    {
        if (!condition) throw new FuzzBoundException("invariant broken: " + what);
    }
}

/// <summary>A bound of the harness was passed or an invariant broken: a failure, like a crash.</summary>
internal sealed class FuzzBoundException(string message) : Exception(message);
