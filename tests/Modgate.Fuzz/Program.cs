using System.Globalization;
using SharpFuzz;

namespace Modgate.Fuzz;

/// <summary>
/// The fuzz harness as a program (scripts/fuzz.sh drives it):
/// <c>mutate</c> runs the seeded mutation engine; <c>afl TARGET</c> is the entry afl-fuzz starts through SharpFuzz
/// (coverage-guided, on the instrumented assemblies); <c>seeds</c> and <c>tokens</c> write afl-fuzz's corpus and
/// dictionary; <c>replay</c> runs saved inputs again.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: Modgate.Fuzz list
               Modgate.Fuzz mutate [--inputs N] [--seconds S] [--seed N] [--slow-ms N] [--out DIR] [TARGET…]
               Modgate.Fuzz seeds TARGET DIR
               Modgate.Fuzz tokens TARGET FILE
               Modgate.Fuzz afl TARGET
               Modgate.Fuzz replay TARGET FILE…
        """;

    public static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["list"] => List(),
                ["mutate", .. var rest] => Mutate(rest),
                ["seeds", var target, var directory] => WriteSeeds(AllTargets.Named(target), directory),
                ["tokens", var target, var file] => WriteTokens(AllTargets.Named(target), file),
                ["afl", var target] => Afl(AllTargets.Named(target)),
                ["replay", var target, .. var files] when files.Length > 0 => Replay(AllTargets.Named(target), files),
                _ => Fail(Usage),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static int List()
    {
        foreach (var target in AllTargets.List) Console.WriteLine(target.Name);
        return 0;
    }

    private static int Mutate(string[] args)
    {
        long inputs = 10_000;
        double? seconds = null;
        var seed = 1;
        var slow = TimeSpan.FromSeconds(2);
        var output = FailureStore.DefaultDirectory;
        var names = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--inputs" when i + 1 < args.Length: inputs = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds" when i + 1 < args.Length: seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--slow-ms" when i + 1 < args.Length: slow = TimeSpan.FromMilliseconds(int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                default:
                    if (args[i].StartsWith('-')) return Fail(Usage);
                    names.Add(args[i]);
                    break;
            }
        }
        var targets = names.Count == 0 ? AllTargets.List : names.Select(AllTargets.Named).ToList();
        using var files = new SeedFiles();
        var failed = 0;
        foreach (var target in targets)
        {
            var fuzzer = new MutationFuzzer(target, target.Seeds(files), seed) { SlowLimit = slow };
            var report = fuzzer.Run(inputs, seconds is { } s ? TimeSpan.FromSeconds(s) : null);
            Console.WriteLine(report);
            foreach (var failure in report.Failures)
            {
                var path = FailureStore.Save(output, target.Name, failure);
                Console.WriteLine($"  {failure.Kind}: {failure.Message.Split('\n')[0]}\n    input: {path}");
            }
            failed += report.Failures.Count;
            if (report.Hung) break; // the hung thread still runs: later timings would be wrong
        }
        return failed == 0 ? 0 : 1;
    }

    private static int WriteSeeds(FuzzTarget target, string directory)
    {
        using var files = new SeedFiles();
        Directory.CreateDirectory(directory);
        var seeds = target.Seeds(files);
        for (var i = 0; i < seeds.Count; i++)
            File.WriteAllBytes(Path.Combine(directory, $"seed-{i:D3}"), seeds[i].Length > target.MaxInputLength ? seeds[i][..target.MaxInputLength] : seeds[i]);
        return 0;
    }

    /// <summary>An afl-fuzz dictionary: one <c>"…"</c> entry a line, bytes outside printable ASCII as \xNN.</summary>
    private static int WriteTokens(FuzzTarget target, string file)
    {
        var lines = target.Tokens.Select((token, i) =>
            $"t{i}=\"{string.Concat(System.Text.Encoding.UTF8.GetBytes(token).Select(b => b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}"))}\"");
        File.WriteAllLines(file, lines);
        return 0;
    }

    /// <summary>SharpFuzz's fork-server loop: an exception escaping <see cref="FuzzTarget.Run"/> is a crash for afl-fuzz.</summary>
    private static int Afl(FuzzTarget target)
    {
        var buffer = new byte[target.MaxInputLength];
        Fuzzer.Run(stream =>
        {
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            target.Run(buffer[..length]);
        });
        return 0;
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                Console.WriteLine($"{file}: {target.Run(File.ReadAllBytes(file))}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{file}: {e}");
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
