using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Modgate.Tests.Shared;

/// <summary>A field of a struct, as a ref into it: <c>(ref MgKey k) =&gt; ref k.Slot</c>.</summary>
internal delegate ref TField FieldOf<T, TField>(ref T value);

/// <summary>
/// Runs native tools (gcc and the programs it builds) for the layout tests, which ask the C compiler
/// itself for sizes and offsets of the structs shared with the kernel. Linked into each test project that needs it.
/// </summary>
internal static class NativeProbe
{
    public static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}): {error}");
        return output;
    }

    /// <summary>
    /// The C figures: compiles (gcc -Wall -Werror) a program that includes <paramref name="includes"/> (a system header
    /// as <c>&lt;linux/bpf.h&gt;</c>, any other as its path), then the <paramref name="lines"/> given (say #define
    /// lines of a header gcc cannot include), and prints each of <paramref name="expressions"/> as a long long;
    /// returns each expression's value, keyed by the expression. Fails the test if gcc or the program does.
    /// </summary>
    public static IReadOnlyDictionary<string, long> CFigures(IEnumerable<string> includes,
        IEnumerable<string> expressions, IEnumerable<string>? lines = null)
    {
        var wanted = expressions.Distinct().ToArray();
        var dir = Directory.CreateTempSubdirectory("modgate-layout-");
        try
        {
            var source = new System.Text.StringBuilder("#include <stdio.h>\n#include <stddef.h>\n");
            foreach (var include in includes)
                source.Append("#include ").AppendLine(include.StartsWith('<') ? include : $"\"{include}\"");
            foreach (var line in lines ?? []) source.AppendLine(line);
            source.AppendLine("int main(void) {");
            foreach (var expression in wanted) source.AppendLine($"printf(\"%lld\\n\", (long long)({expression}));");
            source.AppendLine("return 0; }");
            var c = Path.Combine(dir.FullName, "layout.c");
            var exe = Path.Combine(dir.FullName, "layout");
            File.WriteAllText(c, source.ToString());
            Run("gcc", $"-Wall -Werror -o {exe} {c}");
            var values = Run(exe, "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(values.Length == wanted.Length, $"{wanted.Length} figures asked, {values.Length} printed");
            return wanted.Zip(values, (expression, value) => (expression, long.Parse(value))).ToDictionary();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The names of a header's <c>#define MG_*</c> lines; a layout test wants each mirrored.</summary>
    public static IEnumerable<string> DefinedNumbers(string header) =>
        Regex.Matches(File.ReadAllText(header), @"^\s*#define\s+(MG_\w+)\s", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value);

    /// <summary>One theory case per (C expression or name, C# figure).</summary>
    public static TheoryData<string, long> Cases(IEnumerable<(string C, long CSharp)> figures)
    {
        var data = new TheoryData<string, long>();
        foreach (var (c, csharp) in figures) data.Add(c, csharp);
        return data;
    }

    /// <summary>The C# offset of a field in an unmanaged struct, as the runtime lays it out.</summary>
    public static long Offset<T, TField>(FieldOf<T, TField> field) where T : unmanaged
    {
        var value = default(T);
        return Unsafe.ByteOffset(ref Unsafe.As<T, byte>(ref value),
            ref Unsafe.As<TField, byte>(ref field(ref value)));
    }
}
